package io.spry.runtime.checkpoint;

/**
 * {@link RecoveryJobTest} on the RocksDB backend with incremental checkpoints (the default): keyed
 * sums restored natively after an injected failure count every record once (exactly once), or at
 * least once.
 */
class RocksDBRecoveryJobTest extends RecoveryJobTest {
  @Override
  protected String stateBackend() {
    return "rocksdb";
  }
}
