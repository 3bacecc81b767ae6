package io.spry.testkit;

import io.spry.api.annotation.Public;
import io.spry.api.functions.KeySelector;
import io.spry.runtime.operator.OperatorException;
import io.spry.runtime.operator.Output;
import io.spry.runtime.operator.StreamOperator;
import io.spry.runtime.operator.TwoInputOperator;
import io.spry.runtime.operator.TwoInputOutput;
import java.util.Objects;

/**
 * Runs one runtime operator with two inputs, input by input; see {@link OperatorHarness} for the
 * factories and {@link AbstractOperatorHarness} for the contract.
 *
 * <p>Input goes through the runtime's {@link TwoInputOutput}s, one per input, as in a task: they
 * set the key context of a keyed operator and wrap a failure in an {@link OperatorException} that
 * names the operator, the task, the record and the input.
 *
 * <p>Watermarks are combined as a task combines its inputs': the operator sees the minimum of the
 * two inputs' watermarks, whenever it rises. So nothing reaches it until both inputs had one; use
 * {@link #processWatermark(long)} to move both at once.
 *
 * @param <IN1> the first input
 * @param <IN2> the second input
 * @param <OUT> the operator's output
 */
@Public
public final class TwoInputOperatorHarness<IN1, IN2, OUT>
    extends AbstractOperatorHarness<OUT, TwoInputOperatorHarness<IN1, IN2, OUT>> {
  private final KeySelector<IN1, ?> keySelector1;
  private final KeySelector<IN2, ?> keySelector2;
  private Output<IN1> input1;
  private Output<IN2> input2;
  private long watermark1 = Long.MIN_VALUE;
  private long watermark2 = Long.MIN_VALUE;
  private long combinedWatermark = Long.MIN_VALUE;

  /** A harness for a non-keyed operator. */
  public <O extends StreamOperator<OUT> & TwoInputOperator<IN1, IN2>> TwoInputOperatorHarness(
      O operator) {
    this(operator, null, null, null);
  }

  /**
   * A harness for a keyed operator: each record's key, from its input's key selector, scopes the
   * keyed state while the operator processes it.
   */
  public <O extends StreamOperator<OUT> & TwoInputOperator<IN1, IN2>> TwoInputOperatorHarness(
      O operator, KeySelector<IN1, ?> keySelector1, KeySelector<IN2, ?> keySelector2) {
    this(
        operator,
        Objects.requireNonNull(keySelector1, "keySelector1"),
        Objects.requireNonNull(keySelector2, "keySelector2"),
        null);
  }

  TwoInputOperatorHarness(
      StreamOperator<OUT> operator,
      KeySelector<IN1, ?> keySelector1,
      KeySelector<IN2, ?> keySelector2,
      String operatorName) {
    super(operator, keySelector1 != null, operatorName);
    if (!(operator instanceof TwoInputOperator)) {
      throw new IllegalArgumentException(
          operator.getClass().getName() + " is not a two-input operator");
    }
    this.keySelector1 = keySelector1;
    this.keySelector2 = keySelector2;
  }

  @Override
  void connectInputs() {
    input1 = new TwoInputOutput<>(operator, 1, keySelector1);
    input2 = new TwoInputOutput<>(operator, 2, keySelector2);
  }

  /** Processes a record of the first input without a timestamp. */
  public TwoInputOperatorHarness<IN1, IN2, OUT> processElement1(IN1 value) {
    return processElement1(value, TimestampedValue.NO_TIMESTAMP);
  }

  /**
   * Processes a record of the first input with an event timestamp.
   *
   * @throws OperatorException when the operator fails on it
   */
  public TwoInputOperatorHarness<IN1, IN2, OUT> processElement1(IN1 value, long timestamp) {
    turn(() -> input1.collect(value, timestamp));
    return this;
  }

  /** Processes a record of the second input without a timestamp. */
  public TwoInputOperatorHarness<IN1, IN2, OUT> processElement2(IN2 value) {
    return processElement2(value, TimestampedValue.NO_TIMESTAMP);
  }

  /**
   * Processes a record of the second input with an event timestamp.
   *
   * @throws OperatorException when the operator fails on it
   */
  public TwoInputOperatorHarness<IN1, IN2, OUT> processElement2(IN2 value, long timestamp) {
    turn(() -> input2.collect(value, timestamp));
    return this;
  }

  /** The first input's watermark rises to {@code watermark} (lower ones are ignored). */
  public TwoInputOperatorHarness<IN1, IN2, OUT> processWatermark1(long watermark) {
    checkOpen();
    watermark1 = Math.max(watermark1, watermark);
    return deliverCombinedWatermark();
  }

  /** The second input's watermark rises to {@code watermark} (lower ones are ignored). */
  public TwoInputOperatorHarness<IN1, IN2, OUT> processWatermark2(long watermark) {
    checkOpen();
    watermark2 = Math.max(watermark2, watermark);
    return deliverCombinedWatermark();
  }

  /** Both inputs' watermarks rise to {@code watermark}. */
  public TwoInputOperatorHarness<IN1, IN2, OUT> processWatermark(long watermark) {
    checkOpen();
    watermark1 = Math.max(watermark1, watermark);
    watermark2 = Math.max(watermark2, watermark);
    return deliverCombinedWatermark();
  }

  private TwoInputOperatorHarness<IN1, IN2, OUT> deliverCombinedWatermark() {
    long min = Math.min(watermark1, watermark2);
    if (min > combinedWatermark) {
      combinedWatermark = min;
      turn(() -> input1.emitWatermark(min));
    }
    return this;
  }
}
