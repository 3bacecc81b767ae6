package io.spry.runtime.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.JobExecutionException;
import io.spry.api.StreamEnvironment;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.runtime.failover.PoisonRecordDetector.Verdict;
import io.spry.runtime.operator.OperatorException;
import io.spry.runtime.testing.ListSource;
import java.io.IOException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PoisonRecordDetectorTest {

  private static OperatorException onRecord(String task, String record, Exception cause) {
    return new OperatorException("divide", task, "on record " + record, cause);
  }

  private static OperatorException divideByZero(String task) {
    return onRecord(task, "42", new ArithmeticException("/ by zero"));
  }

  @Test
  void theSameRecordFailingThreeTimesInARowIsAPoison() {
    PoisonRecordDetector d = new PoisonRecordDetector();
    assertThat(d.onFailure(divideByZero("divide (1/2)"))).isEqualTo(new Verdict(1, false, null));
    assertThat(d.onFailure(divideByZero("divide (1/2)")).isPoison()).isFalse();
    // after a restore at another parallelism the record may reach another subtask: still the same
    Verdict third = d.onFailure(divideByZero("divide (3/4)"));
    assertThat(third.timesInARow()).isEqualTo(3);
    assertThat(third.isPoison()).isTrue();
    assertThat(third.diagnosis())
        .isEqualTo(
            "The same record failed 3 times in a row, after 2 restores (operator 'divide' on"
                + " record 42 with java.lang.ArithmeticException: / by zero): it is a poison"
                + " record, and restarting cannot get past it. Skip such records with"
                + " ErrorPolicy.deadLetter(maxFailedRecords) (env.getConfig().setErrorPolicy, or"
                + " onError(...) on 'divide'), or fix the function or the data");
    assertThat(d.onFailure(divideByZero("divide (3/4)")).timesInARow()).isEqualTo(4);
  }

  @Test
  void aDifferentFailureStartsAgain() {
    PoisonRecordDetector d = new PoisonRecordDetector(2);
    d.onFailure(divideByZero("t (1/1)"));
    // another record
    assertThat(d.onFailure(onRecord("t (1/1)", "43", new ArithmeticException("/ by zero"))))
        .isEqualTo(new Verdict(1, false, null));
    // the same record, another message
    assertThat(d.onFailure(onRecord("t (1/1)", "43", new ArithmeticException("overflow"))))
        .extracting(Verdict::timesInARow)
        .isEqualTo(1);
    // the same record and message, another exception class
    assertThat(d.onFailure(onRecord("t (1/1)", "43", new IllegalStateException("overflow"))))
        .extracting(Verdict::timesInARow)
        .isEqualTo(1);
    // a failure that is not an operator's ends the streak
    d.onFailure(onRecord("t (1/1)", "43", new IllegalStateException("overflow")));
    assertThat(d.isPoison()).isTrue();
    assertThat(d.onFailure(new IOException("connection reset")))
        .isEqualTo(new Verdict(0, false, null));
    assertThat(d.isPoison()).isFalse();
    assertThat(d.onFailure(onRecord("t (1/1)", "43", new IllegalStateException("overflow"))))
        .extracting(Verdict::timesInARow)
        .isEqualTo(1);
  }

  @Test
  void findsTheOperatorFailureInsideWrappers() {
    PoisonRecordDetector d = new PoisonRecordDetector(2);
    d.onFailure(new JobExecutionException("j1", "Job failed", divideByZero("t (1/1)")));
    assertThat(d.onFailure(new RuntimeException(divideByZero("t (1/1)"))).isPoison()).isTrue();
  }

  @Test
  void explainAddsTheDiagnosisToTheLastFailureOnlyForAPoison() {
    PoisonRecordDetector d = new PoisonRecordDetector(2);
    OperatorException first = divideByZero("t (1/1)");
    d.onFailure(first);
    assertThat(d.explain(first)).isSameAs(first);

    OperatorException second = divideByZero("t (1/1)");
    d.onFailure(second);
    Throwable explained = d.explain(second);
    assertThat(explained)
        .isInstanceOf(OperatorException.class)
        .hasCause(second)
        .hasMessage(
            "Operator 'divide' in task 't (1/1)' failed on record 42:"
                + " java.lang.ArithmeticException: / by zero. The same record failed 2 times in a"
                + " row, after 1 restore (operator 'divide' on record 42 with"
                + " java.lang.ArithmeticException: / by zero): it is a poison record, and"
                + " restarting cannot get past it. Skip such records with"
                + " ErrorPolicy.deadLetter(maxFailedRecords) (env.getConfig().setErrorPolicy, or"
                + " onError(...) on 'divide'), or fix the function or the data");
    // a failure other than the poison's is reported as it is
    IOException other = new IOException("disk full");
    assertThat(d.explain(other)).isSameAs(other);
  }

  @Test
  void aRepeatedFailureThatIsNotARecordsSaysRestartingDoesNotHelp() {
    PoisonRecordDetector d = new PoisonRecordDetector(2);
    OperatorException timer =
        new OperatorException(
            "window", "window (1/1)", "on watermark 1000", new NullPointerException());
    d.onFailure(timer);
    assertThat(d.onFailure(timer).diagnosis())
        .isEqualTo(
            "The same failure happened 2 times in a row, after 1 restore (operator 'window' on"
                + " watermark 1000 with java.lang.NullPointerException): restarting does not help;"
                + " fix the cause");
    // an exhausted error budget explains itself and is no poison
    OperatorException spent =
        OperatorException.withMessage("parse", "parse (1/1)", "too many bad records", timer);
    assertThat(d.onFailure(spent)).isEqualTo(new Verdict(0, false, null));
  }

  @Test
  void theThresholdIsAtLeastTwo() {
    assertThatThrownBy(() -> new PoisonRecordDetector(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 2");
  }

  /**
   * What a restart loop will see: the job runs again from the start (as after a restore from a
   * checkpoint taken before the poison record) and fails on the same record each time.
   */
  @Test
  void aRealJobFailingOnAPoisonRecordAfterEachRestartIsDiagnosed() {
    PoisonRecordDetector d = new PoisonRecordDetector();
    Verdict verdict = null;
    Throwable last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      StreamEnvironment env = StreamEnvironment.createLocal(2);
      env.fromSource(
              new ListSource<>(LongStream.range(0, 100).boxed().toList(), Long.class),
              WatermarkStrategy.noWatermarks(),
              "nums")
          .map(x -> 10 / (x - 42))
          .name("divide")
          .addSink((v, ctx) -> {});
      try {
        env.execute("attempt " + attempt);
      } catch (JobExecutionException e) {
        last = e;
        verdict = d.onFailure(e);
      }
    }
    assertThat(verdict).isNotNull();
    assertThat(verdict.isPoison()).isTrue();
    assertThat(d.explain(last).getMessage())
        .startsWith("Job 'attempt 3' (")
        .contains("failed: Operator 'divide' in task 'nums -> divide -> Sink (")
        .endsWith(
            "failed on record 42: java.lang.ArithmeticException: / by zero. The same record failed"
                + " 3 times in a row, after 2 restores (operator 'divide' on record 42 with"
                + " java.lang.ArithmeticException: / by zero): it is a poison record, and"
                + " restarting cannot get past it. Skip such records with"
                + " ErrorPolicy.deadLetter(maxFailedRecords) (env.getConfig().setErrorPolicy, or"
                + " onError(...) on 'divide'), or fix the function or the data");
    assertThat(d.isPoison()).isTrue();
  }
}
