package io.spry.runtime.checkpoint;

/**
 * {@link WindowRecoveryTest} on the RocksDB backend: tumbling, sliced sliding and session windows
 * checkpointed from RocksDB and restored into it after an injected failure count every record
 * exactly once.
 */
class RocksDBWindowRecoveryTest extends WindowRecoveryTest {
  @Override
  protected String stateBackend() {
    return "rocksdb";
  }
}
