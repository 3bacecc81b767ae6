package io.spry.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.spry.api.DeadLetter;
import io.spry.api.ErrorPolicy;
import io.spry.api.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ErrorBudgetTest {

  /** A clock that moves only when told. */
  static final class TestClock implements Clock {
    volatile long millis;

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public long nanos() {
      return millis * 1_000_000;
    }
  }

  private static OperatorException failure(int i) {
    return new OperatorException(
        "parse", "parse (1/4)", "on record r" + i, new NumberFormatException("r" + i));
  }

  @Test
  void aCountBudgetIsExactWhenSubtasksFailConcurrently() throws Exception {
    ErrorBudget budget =
        new ErrorBudget("parse", ErrorPolicy.deadLetter(2500), null, new TestClock());
    int threads = 4;
    int perThread = 1000;
    AtomicInteger charged = new AtomicInteger();
    ConcurrentLinkedQueue<String> rejections = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  try {
                    int n = i;
                    budget.charge(() -> failure(n));
                    charged.incrementAndGet();
                  } catch (OperatorException e) {
                    rejections.add(e.getMessage());
                  }
                }
              });
      th.start();
      ts.add(th);
    }
    start.countDown();
    for (Thread th : ts) {
      th.join();
    }
    assertThat(charged.get()).isEqualTo(2500);
    assertThat(rejections).hasSize(threads * perThread - 2500);
    // every subtask reports the same: the budget plus one
    assertThat(rejections.stream().distinct())
        .singleElement()
        .asString()
        .startsWith(
            "Operator 'parse' failed on more records than its error policy"
                + " ErrorPolicy.deadLetter(2500) allows: 2501 records failed, summed over its"
                + " subtasks. The last: Operator 'parse' in task 'parse (1/4)' failed on record r")
        .endsWith(
            "The dead letters before it were read by no stream: each was counted in"
                + " numDeadLetters and logged by io.spry.deadletters (at most 10 a minute). Fix"
                + " the data or the function, or give the operator a larger budget"
                + " (onError(...)).");
  }

  @Test
  void aFractionIsCheckedOnlyFromItsMinimumNumberOfRecords() {
    ErrorBudget budget =
        new ErrorBudget(
            "parse",
            ErrorPolicy.deadLetter(ErrorPolicy.UNLIMITED).maxFailedFraction(0.5, 10),
            "'DLQ'",
            new TestClock());
    // 9 records, all failed: not checked yet
    budget.addRecords(9);
    for (int i = 0; i < 9; i++) {
      int n = i;
      budget.charge(() -> failure(n));
    }
    // 30 more good ones: 9 of 39 failed
    budget.addRecords(30);
    budget.charge(() -> failure(9)); // 10 of 39
    budget.addRecords(1); // 40 records, 10 failed = 25%
    for (int i = 10; i < 20; i++) {
      int n = i;
      budget.charge(() -> failure(n)); // up to 20 of 40 = 50%, not more
    }
    assertThatThrownBy(() -> budget.charge(() -> failure(20)))
        .isInstanceOf(OperatorException.class)
        .hasMessageContaining(
            "ErrorPolicy.deadLetter(UNLIMITED).maxFailedFraction(0.5, 10) allows: 21 of the 40"
                + " records it processed failed (52.50%)")
        .hasMessageContaining("The dead letters before it went to 'DLQ'.");
    // once spent, it stays spent
    budget.addRecords(1000);
    assertThatThrownBy(() -> budget.charge(() -> failure(21)))
        .hasMessageContaining("21 of the 40 records it processed failed");
  }

  @Test
  void logsAtMostTenDeadLettersAMinuteAndSaysHowManyItLeftOut() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Logger logger = (Logger) LoggerFactory.getLogger(ErrorPolicy.DEAD_LETTER_LOGGER);
    logger.addAppender(appender);
    try {
      TestClock clock = new TestClock();
      ErrorBudget budget = new ErrorBudget("parse", ErrorPolicy.deadLetter(1000), null, clock);
      for (int i = 0; i < 25; i++) {
        int n = i;
        budget.log(() -> letter(n, clock.millis()), new NumberFormatException("r" + i));
      }
      clock.millis = 59_999;
      budget.log(() -> letter(25, clock.millis()), new NumberFormatException("r25"));
      clock.millis = 60_000;
      budget.log(() -> letter(26, clock.millis()), new NumberFormatException("r26"));

      List<String> messages =
          appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      assertThat(messages).hasSize(12);
      for (int i = 0; i < 10; i++) {
        assertThat(messages.get(i))
            .isEqualTo(
                "Dead letter of operator 'parse' in task 'parse (1/1)' (no stream reads them: use"
                    + " getDeadLetters() or env.deadLetters()): record r"
                    + i
                    + " @"
                    + (1000 + i)
                    + ", error java.lang.NumberFormatException: r"
                    + i);
      }
      assertThat(messages.get(10))
          .isEqualTo(
              "Operator 'parse' has more than 10 dead letters a minute: the next ones this minute"
                  + " are counted in numDeadLetters but not logged");
      assertThat(messages.get(11))
          .isEqualTo(
              "Dead letter of operator 'parse' in task 'parse (1/1)' (no stream reads them: use"
                  + " getDeadLetters() or env.deadLetters()) [16 earlier ones were not logged]:"
                  + " record r26 @1026, error java.lang.NumberFormatException: r26");
      assertThat(appender.list.get(0).getThrowableProxy().getMessage()).isEqualTo("r0");
    } finally {
      logger.detachAppender(appender);
    }
  }

  private static DeadLetter letter(int i, long now) {
    return DeadLetters.create(
        "parse", "parse (1/1)", 0, 1, "r" + i, 1000 + i, new NumberFormatException("r" + i), now);
  }

  @Test
  void aDeadLetterKeepsTheRecordAndBoundedTexts() {
    StringBuilder huge = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      huge.append('x');
    }
    RuntimeException deep = new RuntimeException("outer", new IllegalStateException("inner"));
    DeadLetter d = DeadLetters.create("op", "op (2/3)", 1, 2, huge, Long.MIN_VALUE, deep, 77);
    assertThat(d.record()).isSameAs(huge);
    assertThat(d.recordString())
        .hasSize(DeadLetter.MAX_RECORD_STRING)
        .endsWith("... (20000 chars)");
    assertThat(d.errorClass()).isEqualTo("java.lang.RuntimeException");
    assertThat(d.errorMessage()).isEqualTo("outer");
    assertThat(d.error()).isEqualTo("java.lang.RuntimeException: outer");
    assertThat(d.stackTrace())
        .startsWith("java.lang.RuntimeException: outer")
        .contains("Caused by: java.lang.IllegalStateException: inner");
    assertThat(d.processingTime()).isEqualTo(77);
    assertThat(d.toString())
        .startsWith("DeadLetter[operator 'op' in task 'op (2/3)', input 2, record xxx")
        .contains("... (10000 chars)") // the length of recordString, itself cut
        .endsWith(", error java.lang.RuntimeException: outer]");

    DeadLetter bytes =
        DeadLetters.create(
            "src", "src (1/1)", 0, 0, new byte[] {'h', 'i'}, 5, new RuntimeException(), 0);
    assertThat(bytes.recordString()).isEqualTo("byte[2] hi");
    assertThat(bytes.error()).isEqualTo("java.lang.RuntimeException");
    assertThat(bytes.toString())
        .isEqualTo(
            "DeadLetter[operator 'src' in task 'src (1/1)', raw source record, record byte[2] hi"
                + " @5, error java.lang.RuntimeException]");
  }
}
