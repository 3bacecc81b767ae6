package io.spry.runtime.checkpoint;

/**
 * {@link WindowRecoveryTest} on RocksDB with incremental checkpoints off: every checkpoint in the
 * backend-neutral format. The expected results are the same as with incremental checkpoints ({@link
 * RocksDBWindowRecoveryTest}).
 */
class RocksDBFullCheckpointWindowRecoveryTest extends WindowRecoveryTest {
  @Override
  protected String stateBackend() {
    return "rocksdb";
  }

  @Override
  protected boolean incremental() {
    return false;
  }
}
