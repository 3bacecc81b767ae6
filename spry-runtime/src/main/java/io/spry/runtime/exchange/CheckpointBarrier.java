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

  public CheckpointBarrier(long id, long timestamp, boolean savepoint) {
    this.id = id;
    this.timestamp = timestamp;
    this.savepoint = savepoint;
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
