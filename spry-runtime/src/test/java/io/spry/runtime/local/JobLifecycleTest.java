package io.spry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spry.api.JobHandle;
import io.spry.api.JobResult;
import io.spry.api.JobStatus;
import io.spry.api.StreamEnvironment;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.ParallelSourceFunction;
import io.spry.api.functions.RichMapFunction;
import io.spry.api.metrics.Counter;
import io.spry.runtime.testing.ListSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class JobLifecycleTest implements java.io.Serializable {

  private static long sparyThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("spry-"))
        .count();
  }

  /** An unbounded source of increasing numbers; counts what it emitted. */
  static final class Endless implements ParallelSourceFunction<Long> {
    static final AtomicLong EMITTED = new AtomicLong();
    private volatile boolean running = true;

    @Override
    public void run(SourceContext<Long> ctx) {
      long i = 0;
      while (running) {
        ctx.collect(i++);
        EMITTED.incrementAndGet();
      }
    }

    @Override
    public void cancel() {
      running = false;
    }
  }

  @Test
  void hundredJobsInARowLeaveNoThreadsBehind() {
    long before = sparyThreads();
    for (int i = 0; i < 100; i++) {
      StreamEnvironment env = StreamEnvironment.createLocal(2);
      env.fromSource(
              new ListSource<>(LongStream.range(0, 200).boxed().toList(), Long.class),
              WatermarkStrategy.noWatermarks(),
              "n")
          .keyBy(x -> x % 3)
          .reduce(Long::sum)
          .addSink((v, c) -> {});
      JobResult r = env.execute("job-" + i);
      assertThat(r.status()).isEqualTo(JobStatus.FINISHED);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> sparyThreads() <= before);
  }

  /**
   * Nothing keeps a finished job reachable: its handle (and so its tasks and state) is collected.
   */
  @Test
  void finishedJobsCanBeGarbageCollected() {
    List<java.lang.ref.WeakReference<JobHandle>> handles = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      StreamEnvironment env = StreamEnvironment.createLocal(2);
      env.fromSequence(0, 500).keyBy(x -> x % 5).reduce(Long::sum).addSink((v, c) -> {});
      JobHandle h = env.executeAsync("gc-" + i);
      h.await();
      handles.add(new java.lang.ref.WeakReference<>(h));
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              System.gc();
              return handles.stream().allMatch(r -> r.get() == null);
            });
  }

  @Test
  void cancelStopsAnUnboundedJobAndFreesItsThreads() throws Exception {
    long before = sparyThreads();
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.addSource(new Endless(), "endless")
        .returns(Long.class)
        .map(x -> x + 1)
        .addSink((v, c) -> {});
    JobHandle h = env.executeAsync("endless");
    await().until(() -> Endless.EMITTED.get() > 10_000);
    assertThat(h.status()).isEqualTo(JobStatus.RUNNING);
    h.cancel();
    JobResult r = h.await(Duration.ofSeconds(10));
    assertThat(r.status()).isEqualTo(JobStatus.CANCELED);
    await().atMost(Duration.ofSeconds(5)).until(() -> sparyThreads() <= before);
  }

  /** A fast unbounded source into a slow sink: the source slows down and the heap stays bounded. */
  @Test
  void backpressureSlowsTheSourceAndBoundsMemory() throws Exception {
    Endless.EMITTED.set(0);
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    env.getConfig().setQueueCapacity(64);
    env.addSource(new Endless(), "endless")
        .returns(Long.class)
        .map(x -> new long[128]) // 1 KiB per record: an unbounded queue would fill the heap fast
        .disableChaining()
        .addSink(
            (v, c) -> {
              Thread.sleep(1);
            });
    JobHandle h = env.executeAsync("backpressure");
    Thread.sleep(2000);
    long emitted = Endless.EMITTED.get();
    h.cancel();
    h.await(Duration.ofSeconds(10));
    // The sink takes ~1 ms per record: in 2 s it consumes at most ~2000 records. The source can be
    // ahead only by what the queues and one batch of overflow hold.
    assertThat(emitted).isLessThan(2000 + 64 * 4 + 1024);
  }

  @Test
  void anIdleStreamingJobUsesAlmostNoCpu() throws Exception {
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.addSource(
            new ParallelSourceFunction<Long>() {
              private volatile boolean running = true;

              @Override
              public void run(SourceContext<Long> ctx) throws InterruptedException {
                while (running) {
                  Thread.sleep(10);
                }
              }

              @Override
              public void cancel() {
                running = false;
              }
            },
            "idle")
        .returns(Long.class)
        .keyBy(x -> x)
        .map(x -> x)
        .addSink((v, c) -> {});
    JobHandle h = env.executeAsync("idle");
    Thread.sleep(300);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    String prefix = "spry-" + h.jobId().substring(0, 8) + "-";
    java.util.Map<Long, Long> before = jobCpu(mx, prefix);
    Thread.sleep(2000);
    java.util.Map<Long, Long> after = jobCpu(mx, prefix);
    long cpuUsed = 0;
    for (var e : after.entrySet()) {
      cpuUsed += e.getValue() - before.getOrDefault(e.getKey(), e.getValue());
    }
    h.cancel();
    h.await(Duration.ofSeconds(10));
    // 2 s of wall time on the job's threads: idle workers park, so well under 10% of one core.
    assertThat(cpuUsed).isLessThan(200_000_000L);
  }

  /** CPU time per thread of one job, by thread id. */
  private static java.util.Map<Long, Long> jobCpu(ThreadMXBean mx, String prefix) {
    java.util.Map<Long, Long> out = new java.util.HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(prefix)) {
        long cpu = mx.getThreadCpuTime(t.getId());
        if (cpu >= 0) {
          out.put(t.getId(), cpu);
        }
      }
    }
    return out;
  }

  @Test
  void countersAreSummedOverSubtasks() {
    StreamEnvironment env = StreamEnvironment.createLocal(3);
    env.fromSource(
            new ListSource<>(LongStream.range(0, 999).boxed().toList(), Long.class),
            WatermarkStrategy.noWatermarks(),
            "n")
        .map(
            new RichMapFunction<Long, Long>() {
              private transient Counter seen;

              @Override
              public void open() {
                seen = getRuntimeContext().getCounter("seen");
              }

              @Override
              public Long map(Long v) {
                seen.inc();
                return v;
              }
            })
        .addSink((v, c) -> {});
    JobResult r = env.execute("counters");
    assertThat(r.counter("seen")).isEqualTo(999);
    assertThat(r.jobName()).isEqualTo("counters");
    assertThat(r.jobId()).hasSize(32);
  }

  /**
   * A cancel while the job waits out a restart delay ends it then, not after the delay (before the
   * fix the delayed restart was not cancelled: this waited an hour).
   */
  @Test
  @org.junit.jupiter.api.Timeout(30)
  void cancelDuringARestartDelayEndsTheJobAtOnce() throws Exception {
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    env.setRestartStrategy(
        io.spry.api.checkpoint.RestartStrategy.fixedDelay(3, Duration.ofHours(1)));
    env.fromSource(
            new ListSource<>(List.of(1L, 2L, 3L), Long.class),
            WatermarkStrategy.noWatermarks(),
            "n")
        .map(
            v -> {
              if (v > 0) {
                throw new IllegalStateException("injected failure at " + v);
              }
              return v;
            })
        .addSink((v, c) -> {});
    JobHandle h = env.executeAsync("cancel while restarting");
    await().atMost(Duration.ofSeconds(20)).until(() -> h.status() == JobStatus.RESTARTING);
    h.cancel();
    JobResult r = h.await(Duration.ofSeconds(20));
    assertThat(r.status()).isEqualTo(JobStatus.CANCELED);
    assertThat(h.restarts()).isEqualTo(1);
  }

  @Test
  void threadNamesSayWhatTheyRun() throws Exception {
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.addSource(new Endless(), "endless")
        .returns(Long.class)
        .name("numbers")
        .addSink((v, c) -> {});
    JobHandle h = env.executeAsync("names");
    await().until(() -> threadNames().stream().anyMatch(n -> n.contains("numbers")));
    List<String> names = threadNames();
    h.cancel();
    h.await(Duration.ofSeconds(10));
    assertThat(names).anyMatch(n -> n.matches("spry-[0-9a-f]{8}-numbers -> Sink \\(1/2\\)"));
  }

  @Test
  void aSlowCooperativeCallIsReportedOnceWithTheTaskAndAHint() {
    ch.qos.logback.classic.Logger log =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Worker.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
        new ch.qos.logback.core.read.ListAppender<>();
    appender.start();
    log.addAppender(appender);
    try {
      StreamEnvironment env = StreamEnvironment.createLocal(1);
      env.getConfig().setSlowCallThreshold(Duration.ofMillis(50));
      env.fromSequence(1, 3)
          .map(
              x -> {
                Thread.sleep(120);
                return x;
              })
          .name("sleepy")
          .sinkTo(new io.spry.api.connector.print.PrintSink<>(true, "ignored"))
          .cooperative();
      env.execute("slow");
    } finally {
      log.detachAppender(appender);
    }
    List<String> warnings =
        appender.list.stream()
            .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
            .toList();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("sleepy").contains(".blocking()");
  }

  @Test
  void aBlockingOperatorGetsAThreadOfItsOwn() throws Exception {
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    env.addSource(new Endless(), "endless")
        .returns(Long.class)
        .map(x -> x)
        .name("lookup")
        .blocking()
        .startNewChain()
        .addSink((v, c) -> {});
    assertThat(env.explain()).contains("lookup -> Sink  (parallelism 1, own thread per subtask)");
    JobHandle h = env.executeAsync("blocking");
    await().until(() -> threadNames().stream().anyMatch(n -> n.endsWith("-lookup -> Sink (1/1)")));
    h.cancel();
    h.await(Duration.ofSeconds(10));
  }

  private static List<String> threadNames() {
    return Arrays.stream(Thread.getAllStackTraces().keySet().toArray(Thread[]::new))
        .map(Thread::getName)
        .filter(n -> n.startsWith("spry-"))
        .toList();
  }
}
