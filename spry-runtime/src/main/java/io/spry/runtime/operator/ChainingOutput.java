package io.spry.runtime.operator;

import io.spry.api.functions.KeySelector;
import io.spry.runtime.exchange.RecordSummary;
import io.spry.runtime.state.KeyedStateBackend;

/**
 * Hands records to the next operator of a chain by a direct call: no queue, no copy. On a keyed
 * operator it first sets the key context. A failure is wrapped once, with the failing operator's
 * name and the record.
 */
public final class ChainingOutput<T> implements Output<T> {
  private final OneInputOperator<T> operator;
  private final StreamOperator<?> streamOperator;
  private final KeySelector<T, ?> keySelector;
  private final KeyedStateBackend backend;

  @SuppressWarnings("unchecked")
  public ChainingOutput(StreamOperator<?> operator, KeySelector<T, ?> keySelector) {
    this.operator = (OneInputOperator<T>) operator;
    this.streamOperator = operator;
    this.keySelector = keySelector;
    this.backend = operator.getContext().keyedBackend();
  }

  @Override
  public void collect(T record, long timestamp) {
    try {
      if (keySelector != null) {
        backend.setCurrentKey(keySelector.getKey(record));
      }
      operator.processElement(record, timestamp);
    } catch (Exception | LinkageError | StackOverflowError e) {
      throw OperatorException.of(streamOperator, "on record " + RecordSummary.of(record), e);
    }
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
