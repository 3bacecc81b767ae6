package io.spry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.DataStream;
import io.spry.api.JobExecutionException;
import io.spry.api.JobStatus;
import io.spry.api.connector.source.Boundedness;
import io.spry.api.connector.source.InputStatus;
import io.spry.api.connector.source.Source;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import io.spry.api.connector.source.SourceSplit;
import io.spry.api.connector.source.SplitEnumerator;
import io.spry.api.connector.source.SplitEnumeratorContext;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.Collector;
import io.spry.api.functions.ProcessFunction;
import io.spry.api.tuple.Tuple2;
import io.spry.api.types.TypeInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobTestDriverTest {

  private static List<Long> numbers(int n) {
    return LongStream.range(0, n).boxed().toList();
  }

  private static DataStream<Long> numbers(JobTestDriver driver, int n) {
    return driver
        .env()
        .fromSource(ListSource.of(numbers(n), Long.class), WatermarkStrategy.noWatermarks(), "n");
  }

  @Test
  void collectsInOrderAtParallelismOne() {
    JobTestDriver driver = JobTestDriver.create(1);
    List<Long> out = driver.collect(numbers(driver, 1000).map(x -> x * 2).filter(x -> x % 3 == 0));
    assertThat(out)
        .isEqualTo(numbers(1000).stream().map(x -> x * 2).filter(x -> x % 3 == 0).toList());
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void keyedReduceAtHigherParallelism(int parallelism) {
    JobTestDriver driver = JobTestDriver.create(parallelism);
    List<Tuple2<Long, Long>> out =
        driver.collect(
            numbers(driver, 5000)
                .map(x -> Tuple2.of(x % 5, x))
                .keyBy(t -> t.f0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1)));

    assertThat(out).hasSize(5000);
    Map<Long, Long> last = new HashMap<>();
    out.forEach(t -> last.put(t.f0, t.f1));
    Map<Long, Long> expected = new HashMap<>();
    numbers(5000).forEach(x -> expected.merge(x % 5, x, Long::sum));
    assertThat(last).isEqualTo(expected);
  }

  @Test
  void theListSinkKeepsTimestamps() {
    JobTestDriver driver = JobTestDriver.create(1);
    ListSink<Long> sink =
        driver.sinkToList(
            numbers(driver, 3)
                .assignTimestampsAndWatermarks(
                    WatermarkStrategy.<Long>forMonotonousTimestamps()
                        .withTimestampAssigner((x, ts) -> 10 * x)));
    driver.run();
    assertThat(sink.getRecordsWithTimestamps())
        .containsExactly(
            TimestampedValue.of(0L, 0L),
            TimestampedValue.of(1L, 10L),
            TimestampedValue.of(2L, 20L));
    sink.clear();
    assertThat(sink.getRecords()).isEmpty();
  }

  @Test
  void listSourceReadsEveryElementOnceInParallel() {
    JobTestDriver driver = JobTestDriver.create(3);
    assertThat(driver.collect(numbers(driver, 1001)))
        .containsExactlyInAnyOrderElementsOf(numbers(1001));
  }

  @Test
  void severalStreamsOfOneJobAndSeveralJobsOfOneDriver() {
    JobTestDriver driver = JobTestDriver.create(2);
    DataStream<Long> in = numbers(driver, 10);
    ListSink<Long> evens = driver.sinkToList(in.filter(x -> x % 2 == 0));
    ListSink<Long> odds = driver.sinkToList(in.filter(x -> x % 2 == 1));
    assertThat(driver.run().status()).isEqualTo(JobStatus.FINISHED);
    assertThat(evens.getRecords()).containsExactlyInAnyOrder(0L, 2L, 4L, 6L, 8L);
    assertThat(odds.getRecords()).containsExactlyInAnyOrder(1L, 3L, 5L, 7L, 9L);

    assertThat(driver.collect(numbers(driver, 3).map(x -> -x)))
        .containsExactlyInAnyOrder(0L, -1L, -2L);
  }

  /** Emits the processing time at which it sees each record. */
  static final class ProcessingTime extends ProcessFunction<Long, Long> {
    @Override
    public void processElement(Long value, Context ctx, Collector<Long> out) {
      out.collect(ctx.timerService().currentProcessingTime());
    }
  }

  @Test
  void jobsRunOnTheDriversClock() {
    JobTestDriver driver = JobTestDriver.create(2, new ManualClock(12_345));
    assertThat(driver.env().getConfig().getClock()).isSameAs(driver.clock());
    List<Long> seen = driver.collect(numbers(driver, 100).process(new ProcessingTime()));
    assertThat(seen).hasSize(100).containsOnly(12_345L);
  }

  @Test
  void aFailingJobThrowsItsFailure() {
    JobTestDriver driver = JobTestDriver.create(2);
    DataStream<Long> failing = numbers(driver, 100).map(x -> 10 / (x - 42)).name("divide");
    assertThatThrownBy(() -> driver.collect(failing))
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining("'divide'")
        .hasMessageContaining("on record 42");
  }

  @Test
  void aJobThatDoesNotEndIsCancelledAtTheTimeout() {
    JobTestDriver driver = JobTestDriver.create(1).withTimeout(Duration.ofMillis(300));
    DataStream<Long> endless =
        driver.env().fromSource(new EndlessSource(), WatermarkStrategy.noWatermarks(), "endless");
    assertThatThrownBy(() -> driver.collect(endless))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("did not end within PT0.3S and was cancelled")
        .hasMessageContaining("bounded sources");
  }

  /** A source that never produces anything and never ends. */
  static final class EndlessSource implements Source<Long, EndlessSource.Split> {
    record Split() implements SourceSplit {
      @Override
      public String splitId() {
        return "endless";
      }
    }

    @Override
    public Boundedness getBoundedness() {
      return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<Split> createEnumerator(SplitEnumeratorContext<Split> context) {
      return subtask -> {};
    }

    @Override
    public SourceReader<Long, Split> createReader(SourceReaderContext context) {
      return new SourceReader<>() {
        @Override
        public InputStatus pollNext(io.spry.api.connector.source.ReaderOutput<Long> output) {
          return InputStatus.NOTHING_AVAILABLE;
        }

        @Override
        public void addSplits(List<Split> splits) {}

        @Override
        public void notifyNoMoreSplits() {}
      };
    }

    @Override
    public TypeInfo<Long> getProducedType() {
      return TypeInfo.of(Long.class);
    }
  }
}
