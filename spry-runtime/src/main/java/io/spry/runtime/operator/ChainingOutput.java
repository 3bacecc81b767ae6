package io.spry.runtime.operator;

import io.spry.api.functions.KeySelector;
import io.spry.runtime.exchange.RecordSummary;
import io.spry.runtime.state.KeyedStateBackend;

/**
 * Hands records to the next operator of a chain by a direct call: no queue, no copy. On a keyed
 * operator it first sets the key context. A failure is wrapped once, with the failing operator's
 * name and the record; the operator's {@link RecordFailureHandler} decides whether an exception on
 * a record fails the job or becomes a dead letter. A failure from further down the chain arrives
 * already wrapped and passes through: each operator's policy covers its own function only.
 */
public final class ChainingOutput<T> implements Output<T> {
  private final OneInputOperator<T> operator;
  private final StreamOperator<?> streamOperator;
  private final KeySelector<T, ?> keySelector;
  private final KeyedStateBackend backend;
  private final RecordFailureHandler failures;

  /** The keys of the records a batch prefetched; null when not keyed. */
  private final KeyPrefetch<T> keys;

  /** An output to an operator under {@code ErrorPolicy.fail()}. */
  public ChainingOutput(StreamOperator<?> operator, KeySelector<T, ?> keySelector) {
    this(operator, keySelector, RecordFailureHandler.failing());
  }

  @SuppressWarnings("unchecked")
  public ChainingOutput(
      StreamOperator<?> operator, KeySelector<T, ?> keySelector, RecordFailureHandler failures) {
    this.operator = (OneInputOperator<T>) operator;
    this.streamOperator = operator;
    this.keySelector = keySelector;
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
      operator.processElement(record, timestamp);
    } catch (OperatorException e) {
      throw e; // an operator further down failed (and its policy decided) or an exchange did
    } catch (Exception e) {
      failures.onFailure(
          streamOperator, record, timestamp, 1, () -> "on record " + RecordSummary.of(record), e);
    } catch (LinkageError | StackOverflowError e) {
      throw OperatorException.of(streamOperator, "on record " + RecordSummary.of(record), e);
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
