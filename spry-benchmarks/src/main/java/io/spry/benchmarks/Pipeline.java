package io.spry.benchmarks;

import io.spry.api.JobConfig;
import io.spry.api.StreamEnvironment;
import io.spry.api.connector.datagen.DataGeneratorSource;
import io.spry.api.connector.sink.Sink;
import io.spry.api.connector.sink.SinkContext;
import io.spry.api.connector.sink.SinkWriter;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.tuple.Tuple2;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The job the pipeline benchmarks measure, and the plain Java loop that does the same work:
 *
 * <pre>
 * generate (key = i % 100, value = i % 64) -> map (value * 2) -> filter (keeps half)
 *   -> keyBy(key) -> sum(value) -> discard
 * </pre>
 *
 * <p>The user's allocations are known by construction, so what the engine allocates can be told
 * apart: every {@code Long} in a generated or mapped record is in the {@code Long.valueOf} cache
 * (-128..127), so a record costs exactly one {@link Tuple2} in the generator and one in {@code
 * map}; a record that passes the filter costs {@code sum} one copied {@code Tuple2} and one {@code
 * Long} (the running sum, outside the cache). With compressed oops a {@code Tuple2} and a {@code
 * Long} are 24 bytes each, so the user's share is 24 + 24 + (24 + 24) / 2 = {@value
 * #USER_BYTES_PER_RECORD} bytes per generated record. Everything above that is the engine's.
 */
public final class Pipeline {
  private Pipeline() {}

  /** Distinct keys; all in the Long cache. */
  public static final int KEYS = 100;

  /** The user functions' allocation per generated record, in bytes (see the class comment). */
  public static final int USER_BYTES_PER_RECORD = 72;

  private static final TypeInfo<Tuple2<Long, Long>> TYPE = Types.TUPLE(Types.LONG, Types.LONG);

  // ---- the user functions, shared by the job and the loop ----

  static Tuple2<Long, Long> generate(long i) {
    return new Tuple2<>(Long.valueOf(i % KEYS), Long.valueOf(i & 63));
  }

  static Tuple2<Long, Long> map(Tuple2<Long, Long> t) {
    return new Tuple2<>(t.f0, t.f1 * 2);
  }

  /** Keeps the records whose generated value was odd: exactly half. */
  static boolean filter(Tuple2<Long, Long> t) {
    return (t.f1 & 2) != 0;
  }

  /**
   * What came out: the number of sum results, and the sum over keys of each key's final sum (the
   * order of a key's records across source subtasks varies, its final sum does not).
   */
  public record Result(long count, long checksum) {}

  /**
   * Runs the job over {@code records} generated records and waits for it.
   *
   * @param parallelism of every operator
   */
  public static Result runJob(long records, int parallelism) {
    return runJob(records, parallelism, null);
  }

  /** As {@link #runJob(long, int)}, with settings applied to the job's config. */
  public static Result runJob(
      long records, int parallelism, java.util.function.Consumer<JobConfig> settings) {
    StreamEnvironment env = StreamEnvironment.createLocal(parallelism);
    if (settings != null) {
      settings.accept(env.getConfig());
    }
    String id = UUID.randomUUID().toString();
    Totals totals = new Totals();
    TOTALS.put(id, totals);
    try {
      env.fromSource(
              new DataGeneratorSource<>(Pipeline::generate, records, TYPE),
              WatermarkStrategy.noWatermarks(),
              "generator")
          .map(Pipeline::map)
          .returns(TYPE)
          .filter(Pipeline::filter)
          .keyBy(t -> t.f0, Types.LONG)
          .sum(1)
          .sinkTo(new DiscardingSink(id));
      env.execute("pipeline");
      return new Result(totals.count.get(), totals.checksum.get());
    } finally {
      TOTALS.remove(id);
    }
  }

  /** The same work as the job, in one thread, with a HashMap for the per-key sums. */
  public static Result runLoop(long records) {
    Map<Long, Tuple2<Long, Long>> sums = new HashMap<>();
    long count = 0;
    long checksum = 0;
    for (long i = 0; i < records; i++) {
      Tuple2<Long, Long> m = map(generate(i));
      if (filter(m)) {
        Tuple2<Long, Long> old = sums.get(m.f0);
        Tuple2<Long, Long> r = old == null ? m : new Tuple2<>(old.f0, old.f1 + m.f1);
        sums.put(r.f0, r);
        count++;
      }
    }
    for (Tuple2<Long, Long> r : sums.values()) {
      checksum += r.f1;
    }
    return new Result(count, checksum);
  }

  // ---- the sink ----

  private static final Map<String, Totals> TOTALS = new ConcurrentHashMap<>();

  private static final class Totals {
    final AtomicLong count = new AtomicLong();
    final AtomicLong checksum = new AtomicLong();
  }

  /**
   * Counts what it gets and keeps each key's latest (largest: values are not negative) running sum,
   * per subtask in plain fields, then adds them to the run's totals at the end of input.
   * Cooperative: it shares the workers instead of getting a thread of its own.
   */
  static final class DiscardingSink implements Sink<Tuple2<Long, Long>> {
    private static final long serialVersionUID = 1L;
    private final String id;

    DiscardingSink(String id) {
      this.id = id;
    }

    @Override
    public boolean isBlocking() {
      return false;
    }

    @Override
    public SinkWriter<Tuple2<Long, Long>> createWriter(SinkContext context) {
      Totals totals = TOTALS.get(id);
      return new SinkWriter<>() {
        final long[] latest = new long[KEYS];
        long count;

        @Override
        public void write(Tuple2<Long, Long> element, Context ctx) {
          count++;
          int key = (int) (long) element.f0;
          long sum = element.f1;
          if (sum > latest[key]) {
            latest[key] = sum;
          }
        }

        @Override
        public void flush(boolean endOfInput) {
          if (endOfInput && totals != null) {
            long checksum = 0;
            for (long s : latest) {
              checksum += s;
            }
            totals.count.addAndGet(count);
            totals.checksum.addAndGet(checksum);
            count = 0;
            java.util.Arrays.fill(latest, 0);
          }
        }
      };
    }
  }
}
