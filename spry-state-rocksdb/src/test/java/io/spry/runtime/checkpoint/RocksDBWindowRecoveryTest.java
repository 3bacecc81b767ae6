package io.spry.runtime.checkpoint;

/**
 * {@link WindowRecoveryTest} on the RocksDB backend with incremental checkpoints (the default):
 * tumbling, sliced sliding and session windows checkpointed as native RocksDB snapshots with shared
 * SST files (the trigger timers in the database, the default) and restored natively after an
 * injected failure count every record exactly once.
 */
class RocksDBWindowRecoveryTest extends WindowRecoveryTest {
  @Override
  protected String stateBackend() {
    return "rocksdb";
  }
}
