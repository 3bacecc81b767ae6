package io.spry.runtime.checkpoint;

import io.spry.api.JobConfig;

/**
 * {@link WindowRecoveryTest} on RocksDB with incremental checkpoints and the timers kept on the
 * heap ({@code rocksdb.timer-service=heap}): the trigger timers travel in the native snapshots'
 * metadata files rather than in the database ({@link RocksDBWindowRecoveryTest} keeps them in it).
 */
class RocksDBHeapTimersWindowRecoveryTest extends WindowRecoveryTest {
  @Override
  protected String stateBackend() {
    return "rocksdb";
  }

  @Override
  protected void configure(JobConfig config) {
    config.setStateBackendOption("rocksdb.timer-service", "heap");
  }
}
