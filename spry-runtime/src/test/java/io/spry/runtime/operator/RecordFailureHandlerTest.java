package io.spry.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.DeadLetter;
import io.spry.api.ErrorPolicy;
import io.spry.api.functions.MapFunction;
import io.spry.runtime.metrics.CounterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A map operator fed through a {@link ChainingOutput}, as in a chain, under each policy. */
class RecordFailureHandlerTest {

  /** Collects what reaches it. */
  static final class ListOutput<T> implements Output<T> {
    final List<T> records = new ArrayList<>();

    @Override
    public void collect(T record, long timestamp) {
      records.add(record);
    }

    @Override
    public void emitWatermark(long watermark) {}
  }

  private final ErrorBudgetTest.TestClock clock = new ErrorBudgetTest.TestClock();
  private final CounterRegistry counters = new CounterRegistry();
  private final ListOutput<Integer> out = new ListOutput<>();
  private final ListOutput<Object> deadLetters = new ListOutput<>();

  private <O> MapOperator<String, O> map(MapFunction<String, O> f, Output<O> output) {
    MapOperator<String, O> op = new MapOperator<>(f);
    op.setup(
        new OperatorContext(
            "parse", "parse (1/1)", "Test.java:1", 0, 1, 128, clock, counters, null),
        output);
    return op;
  }

  private RecordFailureHandler deadLetter(ErrorPolicy policy) {
    return RecordFailureHandler.deadLetter(
        new ErrorBudget("parse", policy, "'DLQ'", clock), deadLetters, counters, "parse");
  }

  @Test
  void underFailTheFailureIsTheOperatorsAsBefore() {
    ChainingOutput<String> in = new ChainingOutput<>(map(Integer::parseInt, out), null);
    in.collect("1", 5);
    assertThatThrownBy(() -> in.collect("x", 6))
        .isInstanceOf(OperatorException.class)
        .hasMessage(
            "Operator 'parse' in task 'parse (1/1)' failed on record x:"
                + " java.lang.NumberFormatException: For input string: \"x\"")
        .hasCauseInstanceOf(NumberFormatException.class)
        .extracting(e -> ((OperatorException) e).getDetail())
        .isEqualTo("on record x");
    assertThat(out.records).containsExactly(1);
  }

  @Test
  void underDeadLetterTheRecordIsSkippedAndSent() {
    ChainingOutput<String> in =
        new ChainingOutput<>(
            map(Integer::parseInt, out), null, deadLetter(ErrorPolicy.deadLetter(2)));
    clock.millis = 123;
    in.collect("1", 5);
    in.collect("x", 6);
    in.collect("2", 7);
    in.collect("y", 8);
    assertThat(out.records).containsExactly(1, 2);
    assertThat(deadLetters.records)
        .extracting(d -> ((DeadLetter) d).record())
        .containsExactly("x", "y");
    DeadLetter x = (DeadLetter) deadLetters.records.get(0);
    assertThat(x.timestamp()).isEqualTo(6);
    assertThat(x.processingTime()).isEqualTo(123);
    assertThat(counters.snapshot())
        .containsEntry("numDeadLetters", 2L)
        .containsEntry("numDeadLetters.parse", 2L);
    assertThatThrownBy(() -> in.collect("z", 9))
        .hasMessageStartingWith(
            "Operator 'parse' failed on more records than its error policy"
                + " ErrorPolicy.deadLetter(2) allows: 3 records failed");
    assertThat(deadLetters.records).hasSize(2);
  }

  @Test
  void aFailureFurtherDownTheChainIsNotThisOperators() {
    // 'parse' is lenient; what it feeds fails on the record 0
    ChainingOutput<Integer> downstream =
        new ChainingOutput<>(divide(), null, RecordFailureHandler.failing());
    ChainingOutput<String> in =
        new ChainingOutput<>(
            map(Integer::parseInt, downstream), null, deadLetter(ErrorPolicy.deadLetter(10)));
    in.collect("x", 1);
    assertThatThrownBy(() -> in.collect("0", 2))
        .isInstanceOf(OperatorException.class)
        .hasMessage(
            "Operator 'divide' in task 'divide (1/1)' failed on record 0:"
                + " java.lang.ArithmeticException: / by zero");
    assertThat(deadLetters.records).hasSize(1);
  }

  private MapOperator<Integer, Integer> divide() {
    MapOperator<Integer, Integer> op = new MapOperator<>(x -> 10 / x);
    op.setup(
        new OperatorContext(
            "divide", "divide (1/1)", "Test.java:2", 0, 1, 128, clock, counters, null),
        out);
    return op;
  }

  @Test
  void anInterruptIsNeverADeadLetter() {
    ChainingOutput<String> in =
        new ChainingOutput<>(
            map(
                s -> {
                  Thread.sleep(Long.parseLong(s));
                  return 1;
                },
                out),
            null,
            deadLetter(ErrorPolicy.deadLetter(10)));
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> in.collect("1000", 1))
          .isInstanceOf(OperatorException.class)
          .hasCauseInstanceOf(InterruptedException.class);
      assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(deadLetters.records).isEmpty();
  }

  @Test
  void errorsAreNotRecordsToSkip() {
    ChainingOutput<String> in =
        new ChainingOutput<>(
            map(
                s -> {
                  throw new NoClassDefFoundError("Missing");
                },
                out),
            null,
            deadLetter(ErrorPolicy.deadLetter(10)));
    assertThatThrownBy(() -> in.collect("a", 1))
        .isInstanceOf(OperatorException.class)
        .hasCauseInstanceOf(NoClassDefFoundError.class);
    assertThat(deadLetters.records).isEmpty();
  }

  /** A record that counts how often it is turned into text. */
  static final class Counted {
    static int toStrings;
    final int id;

    Counted(int id) {
      this.id = id;
    }

    @Override
    public String toString() {
      toStrings++;
      return "counted-" + id;
    }
  }

  private ChainingOutput<Counted> failingOnEveryRecord(RecordFailureHandler handler) {
    MapOperator<Counted, Integer> op =
        new MapOperator<>(
            c -> {
              throw new IllegalArgumentException("bad " + c.id);
            });
    op.setup(
        new OperatorContext(
            "parse", "parse (1/1)", "Test.java:3", 0, 1, 128, clock, counters, null),
        out);
    return new ChainingOutput<>(op, null, handler);
  }

  /**
   * A dead letter is made from the record's text once, and the failure's summary (for an exception
   * that is not thrown) not at all; before, every dead letter also built the summary.
   */
  @Test
  void aDeadLetterSentToAStreamTurnsItsRecordIntoTextOnce() {
    ChainingOutput<Counted> in = failingOnEveryRecord(deadLetter(ErrorPolicy.deadLetter(10)));
    Counted.toStrings = 0;
    for (int i = 0; i < 5; i++) {
      in.collect(new Counted(i), i);
    }
    assertThat(deadLetters.records)
        .extracting(d -> ((DeadLetter) d).recordString())
        .containsExactly("counted-0", "counted-1", "counted-2", "counted-3", "counted-4");
    assertThat(Counted.toStrings).isEqualTo(5);
  }

  /**
   * Dead letters nobody reads are logged, at most ten a minute: the others are counted and never
   * turned into text (before, each built its summary and its dead letter, stack trace included).
   */
  @Test
  void aDeadLetterTheLogLeavesOutIsNeverMade() {
    RecordFailureHandler handler =
        RecordFailureHandler.deadLetter(
            new ErrorBudget("parse", ErrorPolicy.deadLetter(100), null, clock),
            null,
            counters,
            "parse");
    ChainingOutput<Counted> in = failingOnEveryRecord(handler);
    Counted.toStrings = 0;
    for (int i = 0; i < 25; i++) {
      in.collect(new Counted(i), i);
    }
    assertThat(counters.snapshot()).containsEntry("numDeadLetters.parse", 25L);
    assertThat(Counted.toStrings).isEqualTo(ErrorBudget.LOGGED_PER_MINUTE);
  }
}
