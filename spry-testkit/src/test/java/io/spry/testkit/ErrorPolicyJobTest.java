package io.spry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.spry.api.DataStream;
import io.spry.api.DeadLetter;
import io.spry.api.ErrorPolicy;
import io.spry.api.JobExecutionException;
import io.spry.api.JobResult;
import io.spry.api.OutputTag;
import io.spry.api.SingleOutputStream;
import io.spry.api.StreamEnvironment;
import io.spry.api.connector.file.FileSource;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.CoMapFunction;
import io.spry.api.functions.Collector;
import io.spry.api.functions.FlatMapFunction;
import io.spry.api.tuple.Tuple2;
import io.spry.runtime.operator.OperatorException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** Whole jobs under the error policies: what is skipped, where it goes, and when the job fails. */
class ErrorPolicyJobTest {
  private static final int N = 2_000;

  private ListAppender<ILoggingEvent> deadLetterLog;

  @BeforeEach
  void captureTheDeadLetterLog() {
    deadLetterLog = new ListAppender<>();
    deadLetterLog.start();
    logger().addAppender(deadLetterLog);
  }

  @AfterEach
  void stopCapturing() {
    logger().detachAppender(deadLetterLog);
  }

  private static Logger logger() {
    return (Logger) LoggerFactory.getLogger(ErrorPolicy.DEAD_LETTER_LOGGER);
  }

  /** "0", "1", ... with every 7th one (from 3 on) unparseable: "bad-3", "bad-10", ... */
  private static List<String> input() {
    List<String> in = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      in.add(isBad(i) ? "bad-" + i : Integer.toString(i));
    }
    return in;
  }

  private static boolean isBad(int i) {
    return i % 7 == 3;
  }

  private static List<String> badRecords() {
    return input().stream().filter(s -> s.startsWith("bad")).toList();
  }

  private static DataStream<String> lines(JobTestDriver driver) {
    return driver
        .env()
        .fromSource(
            ListSource.of(input(), String.class), WatermarkStrategy.noWatermarks(), "lines");
  }

  private static SingleOutputStream<Integer> parse(DataStream<String> lines) {
    return lines.map(Integer::parseInt).returns(Integer.class).name("parse");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void deadLetterPolicySkipsTheBadRecordsAndRoutesThemWithTheirErrors(int parallelism) {
    JobTestDriver driver = JobTestDriver.create(parallelism);
    driver.env().getConfig().setErrorPolicy(ErrorPolicy.deadLetter(ErrorPolicy.UNLIMITED));
    SingleOutputStream<Integer> parsed = parse(lines(driver));
    ListSink<Integer> out = driver.sinkToList(parsed.map(x -> x * 2));
    ListSink<DeadLetter> dead = driver.sinkToList(parsed.getDeadLetters());

    JobResult result = driver.run();

    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      if (!isBad(i)) {
        expected.add(i * 2);
      }
    }
    assertThat(out.getRecords()).containsExactlyInAnyOrderElementsOf(expected);
    List<DeadLetter> letters = dead.getRecords();
    assertThat(letters)
        .extracting(DeadLetter::record)
        .containsExactlyInAnyOrderElementsOf(badRecords());
    assertThat(letters)
        .extracting(DeadLetter::recordString)
        .containsExactlyInAnyOrderElementsOf(badRecords());
    for (DeadLetter d : letters) {
      assertThat(d.operatorName()).isEqualTo("parse");
      assertThat(d.taskName()).endsWith("(" + (d.subtaskIndex() + 1) + "/" + parallelism + ")");
      assertThat(d.input()).isEqualTo(1);
      assertThat(d.errorClass()).isEqualTo(NumberFormatException.class.getName());
      assertThat(d.errorMessage()).isEqualTo("For input string: \"" + d.record() + "\"");
      assertThat(d.stackTrace()).contains("NumberFormatException").contains("parseInt");
      assertThat(d.timestamp()).isEqualTo(Long.MIN_VALUE);
      assertThat(d.processingTime()).isEqualTo(driver.clock().millis());
    }
    assertThat(result.counter(ErrorPolicy.DEAD_LETTERS_COUNTER)).isEqualTo(badRecords().size());
    assertThat(result.counter(ErrorPolicy.DEAD_LETTERS_COUNTER_PREFIX + "parse"))
        .isEqualTo(badRecords().size());
    assertThat(deadLetterLog.list).as("dead letters that a stream reads are not logged").isEmpty();
  }

  @Test
  void aFlatMapKeepsWhatItEmittedBeforeItThrew() {
    JobTestDriver driver = JobTestDriver.create(1);
    FlatMapFunction<String, String> twice =
        (String s, Collector<String> o) -> {
          o.collect(s + "/a");
          Integer.parseInt(s);
          o.collect(s + "/b");
        };
    SingleOutputStream<String> split =
        lines(driver)
            .flatMap(twice)
            .returns(String.class)
            .name("split")
            .onError(ErrorPolicy.deadLetter(1000));
    ListSink<String> out = driver.sinkToList(split);
    ListSink<DeadLetter> dead = driver.sinkToList(split.getDeadLetters());
    driver.run();

    List<String> expected = new ArrayList<>();
    for (String s : input()) {
      expected.add(s + "/a");
      if (!s.startsWith("bad")) {
        expected.add(s + "/b");
      }
    }
    assertThat(out.getRecords()).isEqualTo(expected);
    assertThat(dead.getRecords()).extracting(DeadLetter::record).isEqualTo(badRecords());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void theBudgetIsExactOverAllSubtasks(int parallelism) {
    int bad = badRecords().size();

    JobTestDriver within = JobTestDriver.create(parallelism);
    within.env().getConfig().setErrorPolicy(ErrorPolicy.deadLetter(bad));
    SingleOutputStream<Integer> parsed = parse(lines(within));
    ListSink<Integer> out = within.sinkToList(parsed);
    JobResult result = within.run();
    assertThat(out.getRecords()).hasSize(N - bad);
    assertThat(result.counter(ErrorPolicy.DEAD_LETTERS_COUNTER)).isEqualTo(bad);

    JobTestDriver over = JobTestDriver.create(parallelism);
    over.env().getConfig().setErrorPolicy(ErrorPolicy.deadLetter(bad - 1));
    parse(lines(over)).addSink((x, ctx) -> {});
    assertThatThrownBy(over::run)
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining(
            "Operator 'parse' failed on more records than its error policy ErrorPolicy.deadLetter("
                + (bad - 1)
                + ") allows: "
                + bad
                + " records failed, summed over its subtasks.");
  }

  @Test
  void anExhaustedBudgetSaysHowManyFailedTheLastErrorAndWhereTheDeadLettersWent() {
    JobTestDriver driver = JobTestDriver.create(2);
    SingleOutputStream<Integer> parsed = parse(lines(driver)).onError(ErrorPolicy.deadLetter(5));
    parsed.addSink((x, ctx) -> {}).name("numbers");
    ListSink<DeadLetter> dead = driver.sinkToList(parsed.getDeadLetters());

    assertThatThrownBy(driver::run)
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining(
            "Operator 'parse' failed on more records than its error policy"
                + " ErrorPolicy.deadLetter(5) allows: 6 records failed, summed over its subtasks.")
        .hasMessageMatching(
            "(?s).*The last: Operator 'parse' in task 'lines -> parse -> numbers \\([12]/2\\)' failed"
                + " on record bad-\\d+: java.lang.NumberFormatException: For input string:"
                + " \"bad-\\d+\"\\..*")
        .hasMessageContaining("The dead letters before it went to 'ListSink'.")
        .cause()
        .isInstanceOf(OperatorException.class)
        .cause()
        .isInstanceOf(OperatorException.class)
        .hasRootCauseInstanceOf(NumberFormatException.class);
    assertThat(dead.getRecords()).hasSizeLessThanOrEqualTo(5);
  }

  @Test
  void aFractionBudgetCountsFromItsMinimumNumberOfRecords() {
    JobTestDriver driver = JobTestDriver.create(1);
    // 1 in 7 fails: 14%, over 10%, but the fraction is checked only from the 500th record on
    driver
        .env()
        .getConfig()
        .setErrorPolicy(ErrorPolicy.deadLetter(ErrorPolicy.UNLIMITED).maxFailedFraction(0.1, 500));
    parse(lines(driver)).addSink((x, ctx) -> {});
    // the first failure at or after the 500th record: index 500 is bad (500 % 7 == 3)
    long failedUpTo500 = input().subList(0, 501).stream().filter(s -> s.startsWith("bad")).count();
    assertThatThrownBy(driver::run)
        .hasMessageContaining(
            "error policy ErrorPolicy.deadLetter(UNLIMITED).maxFailedFraction(0.1, 500) allows: "
                + failedUpTo500
                + " of the 501 records it processed failed (14.37%)")
        .hasMessageContaining("failed on record bad-500:");
  }

  @Test
  void underTheFailPolicyTheJobFailsAsBefore() {
    JobTestDriver driver = JobTestDriver.create(1);
    parse(lines(driver)).addSink((x, ctx) -> {}).name("numbers");
    assertThatThrownBy(driver::run)
        .isInstanceOf(JobExecutionException.class)
        .hasMessageEndingWith(
            "failed: Operator 'parse' in task 'lines -> parse -> numbers (1/1)' failed on record"
                + " bad-3: java.lang.NumberFormatException: For input string: \"bad-3\"")
        .cause()
        .isInstanceOf(OperatorException.class)
        .hasCauseInstanceOf(NumberFormatException.class);
    assertThat(deadLetterLog.list).isEmpty();
  }

  @Test
  void deadLettersNoStreamReadsAreCountedAndLoggedRateLimited() {
    JobTestDriver driver = JobTestDriver.create(2);
    driver.env().getConfig().setErrorPolicy(ErrorPolicy.deadLetter(ErrorPolicy.UNLIMITED));
    ListSink<Integer> out = driver.sinkToList(parse(lines(driver)));
    JobResult result = driver.run();

    int bad = badRecords().size();
    assertThat(out.getRecords()).hasSize(N - bad);
    assertThat(result.counter(ErrorPolicy.DEAD_LETTERS_COUNTER)).isEqualTo(bad);
    // The manual clock stands still: one minute's worth is logged, then a notice that the rest
    // are only counted.
    List<String> lines =
        deadLetterLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    List<String> letters = lines.stream().filter(l -> l.startsWith("Dead letter")).toList();
    assertThat(letters).hasSize(10);
    for (String l : letters) {
      assertThat(l)
          .startsWith("Dead letter of operator 'parse' in task 'lines -> parse (")
          .containsPattern("record bad-\\d+, error java.lang.NumberFormatException: For input");
    }
    assertThat(deadLetterLog.list.stream().filter(e -> e.getThrowableProxy() != null)).hasSize(10);
    assertThat(lines)
        .filteredOn(l -> l.contains("more than 10 dead letters a minute"))
        .containsExactly(
            "Operator 'parse' has more than 10 dead letters a minute: the next ones this minute"
                + " are counted in numDeadLetters but not logged");
  }

  @Test
  void envDeadLettersCollectsEveryOperatorsButNotItsOwnConsumers() {
    JobTestDriver driver = JobTestDriver.create(2);
    StreamEnvironment env = driver.env();
    env.getConfig().setErrorPolicy(ErrorPolicy.deadLetter(ErrorPolicy.UNLIMITED));
    // asked for before the operators exist: they are settled at submission
    DataStream<DeadLetter> all = env.deadLetters();
    ListSink<String> described =
        driver.sinkToList(
            all.map(d -> d.operatorName() + ":" + d.recordString() + ":" + Integer.parseInt("x"))
                .name("describe"));
    SingleOutputStream<Integer> parsed = parse(lines(driver));
    SingleOutputStream<Integer> checked =
        parsed
            .filter(
                x -> {
                  if (x % 100 == 0) {
                    throw new IllegalArgumentException("round: " + x);
                  }
                  return true;
                })
            .name("check");
    ListSink<Integer> out = driver.sinkToList(checked);
    ListSink<DeadLetter> dead = driver.sinkToList(all);

    JobResult result = driver.run();

    List<String> expected = new ArrayList<>();
    List<Integer> good = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      if (isBad(i)) {
        expected.add("parse:bad-" + i);
      } else if (i % 100 == 0) {
        expected.add("check:" + i);
      } else {
        good.add(i);
      }
    }
    assertThat(out.getRecords()).containsExactlyInAnyOrderElementsOf(good);
    assertThat(dead.getRecords())
        .extracting(d -> d.operatorName() + ":" + d.recordString())
        .containsExactlyInAnyOrderElementsOf(expected);
    // 'describe' reads the dead letters, so its own failures are not part of them: they are
    // logged and counted instead of feeding back into themselves
    assertThat(described.getRecords()).isEmpty();
    assertThat(result.counter(ErrorPolicy.DEAD_LETTERS_COUNTER_PREFIX + "describe"))
        .isEqualTo(expected.size());
    assertThat(result.counter(ErrorPolicy.DEAD_LETTERS_COUNTER)).isEqualTo(2L * expected.size());
  }

  @Test
  void eachOperatorsPolicyCoversOnlyItsOwnFunction() {
    // 'lenient' skips its bad records, but the record that 'strict' (chained after it) throws on
    // still fails the job
    JobTestDriver driver = JobTestDriver.create(1);
    lines(driver)
        .map(Integer::parseInt)
        .returns(Integer.class)
        .name("lenient")
        .onError(ErrorPolicy.deadLetter(ErrorPolicy.UNLIMITED))
        .map(x -> 100 / (x - 42))
        .name("strict")
        .addSink((x, ctx) -> {});
    assertThatThrownBy(driver::run)
        .hasMessageEndingWith(
            "Operator 'strict' in task 'lines -> lenient -> strict -> Sink (1/1)' failed on record"
                + " 42: java.lang.ArithmeticException: / by zero");

    // and the other way round: the chained operator's policy skips its records only
    JobTestDriver other = JobTestDriver.create(1);
    SingleOutputStream<Integer> strict =
        other
            .env()
            .fromSource(
                ListSource.of(Integer.class, 1, 2, 42, 3), WatermarkStrategy.noWatermarks(), "ints")
            .map(x -> x + 0)
            .name("strict");
    SingleOutputStream<Integer> lenient =
        strict.map(x -> 100 / (x - 42)).name("lenient").onError(ErrorPolicy.deadLetter(1));
    ListSink<Integer> out = other.sinkToList(lenient);
    ListSink<DeadLetter> dead = other.sinkToList(lenient.getDeadLetters());
    other.run();
    assertThat(out.getRecords()).containsExactly(100 / -41, 100 / -40, 100 / -39);
    assertThat(dead.getRecords()).extracting(DeadLetter::record).containsExactly(42);
  }

  @Test
  void aKeyedReduceSkipsTheRecordsItThrowsOnAndKeepsItsState() {
    JobTestDriver driver = JobTestDriver.create(2);
    SingleOutputStream<Tuple2<Integer, Integer>> sums =
        driver
            .env()
            .fromSource(
                ListSource.of(
                    java.util.stream.IntStream.range(0, N).boxed().toList(), Integer.class),
                WatermarkStrategy.noWatermarks(),
                "ints")
            .setParallelism(1) // one producer: each key's records reach the reduce in order
            .map(i -> Tuple2.of(i % 5, i))
            .returns(new io.spry.api.types.TypeHint<Tuple2<Integer, Integer>>() {})
            .setParallelism(1)
            .keyBy(t -> t.f0)
            .reduce(
                (a, b) -> {
                  if (b.f1 % 13 == 0) {
                    throw new IllegalStateException("unlucky " + b.f1);
                  }
                  return Tuple2.of(a.f0, a.f1 + b.f1);
                })
            .name("sum")
            .onError(ErrorPolicy.deadLetter(ErrorPolicy.UNLIMITED));
    ListSink<Tuple2<Integer, Integer>> out = driver.sinkToList(sums);
    ListSink<DeadLetter> dead = driver.sinkToList(sums.getDeadLetters());
    driver.run();

    // Per key, the first record starts the sum (reduce is not called on it); later ones that are
    // multiples of 13 are skipped.
    Map<Integer, Integer> expected = new HashMap<>();
    List<Integer> skipped = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      int k = i % 5;
      if (!expected.containsKey(k)) {
        expected.put(k, i);
      } else if (i % 13 == 0) {
        skipped.add(i);
      } else {
        expected.merge(k, i, Integer::sum);
      }
    }
    Map<Integer, Integer> last = new HashMap<>();
    out.getRecords().forEach(t -> last.put(t.f0, t.f1));
    assertThat(last).isEqualTo(expected);
    assertThat(out.getRecords()).hasSize(N - skipped.size());
    assertThat(dead.getRecords())
        .extracting(d -> (Integer) ((Tuple2<?, ?>) d.record()).f1)
        .containsExactlyInAnyOrderElementsOf(skipped);
    assertThat(dead.getRecords()).allSatisfy(d -> assertThat(d.operatorName()).isEqualTo("sum"));
  }

  @Test
  void aTwoInputOperatorSaysWhichInputTheRecordCameOn() {
    JobTestDriver driver = JobTestDriver.create(1);
    StreamEnvironment env = driver.env();
    DataStream<Integer> a =
        env.fromSource(
            ListSource.of(Integer.class, 1, 2, 3), WatermarkStrategy.noWatermarks(), "a");
    DataStream<String> b =
        env.fromSource(
            ListSource.of(String.class, "4", "five", "6"), WatermarkStrategy.noWatermarks(), "b");
    SingleOutputStream<Integer> both =
        a.connect(b).map(new ParseSecond()).name("merge").onError(ErrorPolicy.deadLetter(1));
    ListSink<Integer> out = driver.sinkToList(both);
    ListSink<DeadLetter> dead = driver.sinkToList(both.getDeadLetters());
    driver.run();
    assertThat(out.getRecords()).containsExactlyInAnyOrder(1, 2, 3, 4, 6);
    assertThat(dead.getRecords())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.record()).isEqualTo("five");
              assertThat(d.input()).isEqualTo(2);
              assertThat(d.toString()).contains("input 2").contains("record five");
            });
  }

  static final class ParseSecond implements CoMapFunction<Integer, String, Integer> {
    @Override
    public Integer map1(Integer x) {
      return x;
    }

    @Override
    public Integer map2(String s) {
      return Integer.parseInt(s);
    }
  }

  @Test
  void aTimestampAssignerThatThrowsAtTheSourceFollowsThePolicy() {
    JobTestDriver driver = JobTestDriver.create(1);
    SingleOutputStream<String> timed =
        driver
            .env()
            .fromSource(
                ListSource.of(String.class, "10", "x", "30"),
                WatermarkStrategy.<String>forMonotonousTimestamps()
                    .withTimestampAssigner((s, ts) -> Long.parseLong(s)),
                "timed")
            .onError(ErrorPolicy.deadLetter(1));
    ListSink<String> out = driver.sinkToList(timed);
    ListSink<DeadLetter> dead = driver.sinkToList(timed.getDeadLetters());
    driver.run();
    assertThat(out.getRecordsWithTimestamps())
        .containsExactly(new TimestampedValue<>("10", 10), new TimestampedValue<>("30", 30));
    assertThat(dead.getRecords())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.operatorName()).isEqualTo("timed");
              assertThat(d.record()).isEqualTo("x");
              assertThat(d.errorClass()).isEqualTo(NumberFormatException.class.getName());
            });

    JobTestDriver failing = JobTestDriver.create(1);
    failing
        .env()
        .fromSource(
            ListSource.of(String.class, "10", "x", "30"),
            WatermarkStrategy.<String>forMonotonousTimestamps()
                .withTimestampAssigner((s, ts) -> Long.parseLong(s)),
            "timed")
        .addSink((x, ctx) -> {});
    assertThatThrownBy(failing::run)
        .hasMessageEndingWith(
            "Operator 'timed' in task 'timed -> Sink (1/1)' failed on record x (extracting its"
                + " timestamp): java.lang.NumberFormatException: For input string: \"x\"");
  }

  @Test
  void aFileSourceReportsMalformedLinesToThePolicy(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<String> good = new ArrayList<>();
    for (int i = 1; i <= 3000; i++) {
      if (i % 1000 == 0) {
        bytes.write(new byte[] {'b', 'a', 'd', (byte) 0xC3, (byte) 0x28, '\n'});
      } else {
        String line = "line " + i + " \u00e9";
        good.add(line);
        bytes.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    Path file = dir.resolve("in.txt");
    Files.write(file, bytes.toByteArray());

    JobTestDriver driver = JobTestDriver.create(1);
    SingleOutputStream<String> text =
        driver
            .env()
            .fromSource(FileSource.forLines(file).build(), WatermarkStrategy.noWatermarks(), "file")
            .onError(ErrorPolicy.deadLetter(3));
    ListSink<String> out = driver.sinkToList(text);
    ListSink<DeadLetter> dead = driver.sinkToList(text.getDeadLetters());
    driver.run();
    assertThat(out.getRecords()).isEqualTo(good);
    assertThat(dead.getRecords())
        .hasSize(3)
        .allSatisfy(
            d -> {
              assertThat(d.input()).isZero();
              assertThat((byte[]) d.record())
                  .containsExactly('b', 'a', 'd', (byte) 0xC3, (byte) 0x28);
              assertThat(d.recordString()).startsWith("byte[5] bad");
              assertThat(d.errorMessage())
                  .startsWith("Malformed UTF-8 input in file " + file + " at line ");
            });
    assertThat(dead.getRecords())
        .extracting(DeadLetter::errorMessage)
        .containsExactly(
            "Malformed UTF-8 input in file " + file + " at line 1000",
            "Malformed UTF-8 input in file " + file + " at line 2000",
            "Malformed UTF-8 input in file " + file + " at line 3000");

    JobTestDriver failing = JobTestDriver.create(1);
    failing
        .env()
        .fromSource(FileSource.forLines(file).build(), WatermarkStrategy.noWatermarks(), "file")
        .addSink((x, ctx) -> {});
    assertThatThrownBy(failing::run)
        .hasMessageContaining("Operator 'file' in task 'file -> Sink (1/1)' failed on raw record")
        .hasMessageEndingWith(
            "java.io.IOException: Malformed UTF-8 input in file " + file + " at line 1000");
  }

  @Test
  void mistakesFailWhenTheJobIsBuilt() {
    JobTestDriver driver = JobTestDriver.create(1);
    SingleOutputStream<Integer> parsed = parse(lines(driver));
    parsed.addSink((x, ctx) -> {});
    driver.sinkToList(parsed.getDeadLetters());
    assertThatThrownBy(driver::run)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("getDeadLetters() at ")
        .hasMessageContaining(
            "the error policy of 'parse' is ErrorPolicy.fail(), so it never has dead letters")
        .hasMessageContaining(".onError(ErrorPolicy.deadLetter(maxFailedRecords))");

    JobTestDriver noneLenient = JobTestDriver.create(1);
    parse(lines(noneLenient)).addSink((x, ctx) -> {});
    noneLenient.sinkToList(noneLenient.env().deadLetters());
    assertThatThrownBy(noneLenient::run)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("env.deadLetters() at ")
        .hasMessageContaining("no operator has a dead-letter error policy");

    StreamEnvironment env = StreamEnvironment.createLocal(1);
    SingleOutputStream<Long> legacy =
        env.addSource(
            new io.spry.api.functions.SourceFunction<Long>() {
              @Override
              public void run(SourceContext<Long> ctx) {}

              @Override
              public void cancel() {}
            },
            "legacy");
    assertThatThrownBy(() -> legacy.onError(ErrorPolicy.deadLetter(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "'legacy' runs no user function on records that an error policy" + " covers");
    assertThatThrownBy(() -> new OutputTag<>("spry.deadLetters", String.class))
        .hasMessageContaining("reserved");
  }
}
