package io.spry.runtime.checkpoint;

import io.spry.api.JobConfig;
import java.nio.file.Path;

/**
 * {@link SavepointRescaleTest} across backends and timer storages: a keyed process function's
 * event-time timers are kept in RocksDB at parallelism 2, move through a savepoint onto the heap
 * backend at 4, and through another into RocksDB with timers on the heap at 1; every bucket's count
 * is emitted by its timer exactly once.
 */
class RocksDBSavepointRescaleTest extends SavepointRescaleTest {
  @Override
  protected void configure(int phase, JobConfig config) {
    switch (phase) {
      case 1 -> config.setStateBackend("rocksdb"); // timers in the database, the default
      case 2 -> config.setStateBackend("heap");
      default ->
          config.setStateBackend("rocksdb").setStateBackendOption("rocksdb.timer-service", "heap");
    }
  }

  /** Not run again here: it does not depend on the backend. */
  @Override
  void stateOfAnOperatorTheJobNoLongerHasFailsTheRestoreUnlessAllowed(Path dir) {}
}
