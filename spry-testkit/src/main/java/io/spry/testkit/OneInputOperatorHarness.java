package io.spry.testkit;

import io.spry.api.annotation.Public;
import io.spry.api.functions.KeySelector;
import io.spry.runtime.operator.ChainingOutput;
import io.spry.runtime.operator.OneInputOperator;
import io.spry.runtime.operator.OperatorException;
import io.spry.runtime.operator.Output;
import io.spry.runtime.operator.StreamOperator;
import java.util.Objects;

/**
 * Runs one runtime operator with one input, input by input; see {@link OperatorHarness} for the
 * factories and {@link AbstractOperatorHarness} for the contract.
 *
 * <p>Input goes through the runtime's {@link ChainingOutput}, as from the previous operator of a
 * chain: it sets the key context of a keyed operator and wraps a failure in an {@link
 * OperatorException} that names the operator, the task and the record.
 *
 * <pre>{@code
 * var harness = OperatorHarness.forMap((String s) -> s.length()).open();
 * harness.processElement("spry", 10L);
 * assertThat(harness.getOutputWithTimestamps()).containsExactly(TimestampedValue.of(4, 10L));
 * }</pre>
 *
 * @param <IN> the operator's input
 * @param <OUT> the operator's output
 */
@Public
public final class OneInputOperatorHarness<IN, OUT>
    extends AbstractOperatorHarness<OUT, OneInputOperatorHarness<IN, OUT>> {
  private final KeySelector<IN, ?> keySelector;
  private Output<IN> input;
  private long watermark = Long.MIN_VALUE;

  /** A harness for a non-keyed operator. */
  public <O extends StreamOperator<OUT> & OneInputOperator<IN>> OneInputOperatorHarness(
      O operator) {
    this(operator, null, null);
  }

  /**
   * A harness for a keyed operator: each record's key, from {@code keySelector}, scopes the keyed
   * state while the operator processes it.
   */
  public <O extends StreamOperator<OUT> & OneInputOperator<IN>> OneInputOperatorHarness(
      O operator, KeySelector<IN, ?> keySelector) {
    this(operator, Objects.requireNonNull(keySelector, "keySelector"), null);
  }

  OneInputOperatorHarness(
      StreamOperator<OUT> operator, KeySelector<IN, ?> keySelector, String operatorName) {
    super(operator, keySelector != null, operatorName);
    if (!(operator instanceof OneInputOperator)) {
      throw new IllegalArgumentException(
          operator.getClass().getName() + " is not a one-input operator");
    }
    this.keySelector = keySelector;
  }

  @Override
  void connectInputs() {
    input = new ChainingOutput<>(operator, keySelector);
  }

  /**
   * Processes a record without a timestamp.
   *
   * @throws OperatorException when the operator fails on it
   */
  public OneInputOperatorHarness<IN, OUT> processElement(IN value) {
    return processElement(value, TimestampedValue.NO_TIMESTAMP);
  }

  /**
   * Processes a record with an event timestamp.
   *
   * @throws OperatorException when the operator fails on it
   */
  public OneInputOperatorHarness<IN, OUT> processElement(IN value, long timestamp) {
    turn(() -> input.collect(value, timestamp));
    return this;
  }

  /** Processes records without timestamps, one after the other. */
  public OneInputOperatorHarness<IN, OUT> processElements(Iterable<? extends IN> values) {
    for (IN v : values) {
      processElement(v);
    }
    return this;
  }

  /**
   * Delivers a watermark, if it is higher than every one before: like a task, the harness passes on
   * only rising watermarks.
   *
   * @throws OperatorException when the operator fails on it
   */
  public OneInputOperatorHarness<IN, OUT> processWatermark(long watermark) {
    checkOpen();
    if (watermark > this.watermark) {
      this.watermark = watermark;
      turn(() -> input.emitWatermark(watermark));
    }
    return this;
  }
}
