package io.spry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ErrorPolicyTest {

  @Test
  void printsTheCallThatMakesIt() {
    assertThat(ErrorPolicy.fail()).hasToString("ErrorPolicy.fail()");
    assertThat(ErrorPolicy.deadLetter(100)).hasToString("ErrorPolicy.deadLetter(100)");
    assertThat(ErrorPolicy.deadLetter(ErrorPolicy.UNLIMITED).maxFailedFraction(0.01))
        .hasToString("ErrorPolicy.deadLetter(UNLIMITED).maxFailedFraction(0.01)");
    assertThat(ErrorPolicy.deadLetter(5).maxFailedFraction(0.25, 50))
        .hasToString("ErrorPolicy.deadLetter(5).maxFailedFraction(0.25, 50)");
  }

  @Test
  void holdsItsBudget() {
    ErrorPolicy p = ErrorPolicy.deadLetter(7).maxFailedFraction(0.5, 20);
    assertThat(p.isDeadLetter()).isTrue();
    assertThat(p.getMaxFailedRecords()).isEqualTo(7);
    assertThat(p.hasMaxFailedFraction()).isTrue();
    assertThat(p.getMaxFailedFraction()).isEqualTo(0.5);
    assertThat(p.getMinRecordsForFraction()).isEqualTo(20);
    assertThat(ErrorPolicy.deadLetter(7).hasMaxFailedFraction()).isFalse();
    assertThat(ErrorPolicy.fail().isDeadLetter()).isFalse();
    assertThat(p).isEqualTo(ErrorPolicy.deadLetter(7).maxFailedFraction(0.5, 20));
    assertThat(p.hashCode())
        .isEqualTo(ErrorPolicy.deadLetter(7).maxFailedFraction(0.5, 20).hashCode());
    assertThat(p).isNotEqualTo(ErrorPolicy.deadLetter(7).maxFailedFraction(0.5));
    assertThat(ErrorPolicy.deadLetter(7)).isNotEqualTo(ErrorPolicy.deadLetter(8));
  }

  @Test
  void badBudgetsSayHowToFixThem() {
    assertThatThrownBy(() -> ErrorPolicy.deadLetter(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "ErrorPolicy.deadLetter(0): the budget must be at least 1 failed record; to allow"
                + " none, use ErrorPolicy.fail()");
    assertThatThrownBy(() -> ErrorPolicy.fail().maxFailedFraction(0.1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "use ErrorPolicy.deadLetter(maxFailedRecords).maxFailedFraction(0.1)");
    assertThatThrownBy(() -> ErrorPolicy.deadLetter(1).maxFailedFraction(1.0))
        .hasMessageContaining("must be in (0, 1)");
    assertThatThrownBy(() -> ErrorPolicy.deadLetter(1).maxFailedFraction(0))
        .hasMessageContaining("must be in (0, 1)");
    assertThatThrownBy(() -> ErrorPolicy.deadLetter(1).maxFailedFraction(0.1, 0))
        .hasMessageContaining("minRecords must be at least 1");
  }

  @Test
  void theJobConfigDefaultsToFailAndCopiesThePolicy() {
    JobConfig c = new JobConfig();
    assertThat(c.getErrorPolicy()).isEqualTo(ErrorPolicy.fail());
    c.setErrorPolicy(ErrorPolicy.deadLetter(3));
    JobConfig copy = c.copy();
    c.setErrorPolicy(ErrorPolicy.fail());
    assertThat(copy.getErrorPolicy()).isEqualTo(ErrorPolicy.deadLetter(3));
  }

  @Test
  void userTagsCannotTakeTheReservedIds() {
    assertThatThrownBy(() -> new OutputTag<>(OutputTag.DEAD_LETTERS_ID, String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ids starting with 'spry.' are reserved");
    assertThat(DeadLetterTag.TAG.getId()).isEqualTo(OutputTag.DEAD_LETTERS_ID);
  }
}
