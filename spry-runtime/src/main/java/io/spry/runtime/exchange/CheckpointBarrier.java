package io.spry.runtime.exchange;

/**
 * Marks the point in a channel's stream that belongs to checkpoint {@code id}: records before it
 * are in the checkpoint's state, records after it are not. Sources emit it when the coordinator
 * triggers them; every other task snapshots once it has seen it on all its inputs, then forwards
 * it.
 */
public final class CheckpointBarrier extends ControlEvent {
  private final long id;
  private final long timestamp;
  private final boolean savepoint;
  private final boolean incremental;

  public CheckpointBarrier(long id, long timestamp, boolean savepoint) {
    this(id, timestamp, savepoint, false);
  }

  /**
   * @param incremental whether keyed backends that can may snapshot natively and incrementally
   *     (never for a savepoint)
   */
  public CheckpointBarrier(long id, long timestamp, boolean savepoint, boolean incremental) {
    this.id = id;
    this.timestamp = timestamp;
    this.savepoint = savepoint;
    this.incremental = incremental && !savepoint;
  }

  /** Whether keyed backends that can may take a native, incremental snapshot for this one. */
  public boolean isIncremental() {
    return incremental;
  }

  public long id() {
    return id;
  }

  public long timestamp() {
    return timestamp;
  }

  public boolean isSavepoint() {
    return savepoint;
  }

  @Override
  public String toString() {
    return (savepoint ? "SavepointBarrier(" : "CheckpointBarrier(") + id + ")";
  }
}
