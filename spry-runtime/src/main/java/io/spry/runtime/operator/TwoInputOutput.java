package io.spry.runtime.operator;

import io.spry.api.functions.KeySelector;
import io.spry.runtime.exchange.RecordSummary;
import io.spry.runtime.state.KeyedStateBackend;

/**
 * Delivers one input's records to a two-input operator, setting the key context first when keyed.
 * Watermarks go to the operator once, whichever input delivers them (the task combines them).
 */
public final class TwoInputOutput<T> implements Output<T> {
  private final TwoInputOperator<Object, Object> operator;
  private final StreamOperator<?> streamOperator;
  private final boolean first;
  private final KeySelector<Object, ?> keySelector;
  private final KeyedStateBackend backend;
  private final RecordFailureHandler failures;

  /** The keys of the records a batch prefetched; null when not keyed. */
  private final KeyPrefetch<Object> keys;

  /** An input of an operator under {@code ErrorPolicy.fail()}. */
  public TwoInputOutput(StreamOperator<?> operator, int input, KeySelector<?, ?> keySelector) {
    this(operator, input, keySelector, RecordFailureHandler.failing());
  }

  /**
   * @param failures the operator's handler of failed records, the same for both inputs
   */
  @SuppressWarnings("unchecked")
  public TwoInputOutput(
      StreamOperator<?> operator,
      int input,
      KeySelector<?, ?> keySelector,
      RecordFailureHandler failures) {
    this.operator = (TwoInputOperator<Object, Object>) operator;
    this.streamOperator = operator;
    this.first = input == 1;
    this.keySelector = (KeySelector<Object, ?>) keySelector;
    this.backend = operator.getContext().keyedBackend();
    this.failures = java.util.Objects.requireNonNull(failures, "failures");
    this.keys = keySelector == null ? null : new KeyPrefetch<>(this.keySelector, backend);
  }

  @Override
  public void collect(T record, long timestamp) {
    failures.onRecord();
    try {
      if (keySelector != null) {
        backend.setCurrentKey(keys.keyOf(record));
      }
      if (first) {
        operator.processElement1(record, timestamp);
      } else {
        operator.processElement2(record, timestamp);
      }
    } catch (OperatorException e) {
      throw e; // an operator further down failed (and its policy decided) or an exchange did
    } catch (Exception e) {
      failures.onFailure(
          streamOperator,
          record,
          timestamp,
          first ? 1 : 2,
          () -> "on record " + RecordSummary.of(record) + " of input " + (first ? 1 : 2),
          e);
    } catch (LinkageError | StackOverflowError e) {
      throw OperatorException.of(
          streamOperator,
          "on record " + RecordSummary.of(record) + " of input " + (first ? 1 : 2),
          e);
    }
  }

  @Override
  public boolean prefetches() {
    return keys != null && keys.active();
  }

  @Override
  public void prefetch(Object[] records, int n) {
    keys.prefetch(records, n);
  }

  @Override
  public void emitWatermarkStatus(boolean idle) {
    try {
      streamOperator.processWatermarkStatus(idle);
    } catch (Exception e) {
      throw OperatorException.of(
          streamOperator, "on watermark status " + (idle ? "IDLE" : "ACTIVE"), e);
    }
  }

  @Override
  public void emitWatermark(long watermark) {
    try {
      streamOperator.processWatermark(watermark);
    } catch (Exception e) {
      throw OperatorException.of(streamOperator, "on watermark " + watermark, e);
    }
  }
}
