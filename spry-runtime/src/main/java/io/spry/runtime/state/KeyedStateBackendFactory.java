package io.spry.runtime.state;

import io.spry.api.time.Clock;
import io.spry.api.types.TypeInfo;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Makes keyed state backends of one kind; found through {@link java.util.ServiceLoader} by {@link
 * #name()}, which jobs choose with {@code JobConfig.setStateBackend(name)}. spry-runtime ships
 * {@code "heap"}; {@code spry-state-rocksdb} adds {@code "rocksdb"}. A factory is stateless and
 * thread-safe; each backend it makes belongs to one keyed operator in one subtask.
 */
public interface KeyedStateBackendFactory {

  /** The name jobs choose the backend by, e.g. {@code "heap"}; lower case. */
  String name();

  /**
   * A new, empty backend.
   *
   * @param range the key groups the subtask owns
   * @param maxParallelism the number of key groups
   * @param clock processing time, for state time to live
   * @param keyType the key type (its serializer writes keys into snapshots, or into a byte-keyed
   *     backend's keys); null or incomplete when unknown: keys are then serialized by their class
   * @param workingDirectory where a backend that keeps files may create its own directory (it
   *     removes it on close); null for the system's temporary directory
   */
  KeyedStateBackend create(
      KeyGroupRange range,
      int maxParallelism,
      Clock clock,
      TypeInfo<?> keyType,
      Path workingDirectory)
      throws IOException;

  /**
   * A new, empty backend with the job's options of this backend ({@code
   * JobConfig.setStateBackendOption}, keys starting with {@code name() + "."}). The default takes
   * none: it fails on any option and otherwise calls {@link #create(KeyGroupRange, int, Clock,
   * TypeInfo, Path)}.
   *
   * @throws IllegalArgumentException on an unknown option or a bad value, naming it and what is
   *     allowed
   */
  default KeyedStateBackend create(
      KeyGroupRange range,
      int maxParallelism,
      Clock clock,
      TypeInfo<?> keyType,
      Path workingDirectory,
      java.util.Map<String, String> options)
      throws IOException {
    checkOptions(options);
    return create(range, maxParallelism, clock, keyType, workingDirectory);
  }

  /**
   * Checks this backend's options ({@code JobConfig.setStateBackendOption}) without making a
   * backend, so a job fails before it starts: the default accepts none.
   *
   * @throws IllegalArgumentException on an unknown option or a bad value
   */
  default void checkOptions(java.util.Map<String, String> options) {
    if (!options.isEmpty()) {
      throw new IllegalArgumentException(
          "The '"
              + name()
              + "' state backend has no options, but the job sets "
              + options.keySet()
              + " (JobConfig.setStateBackendOption)");
    }
  }

  /**
   * Restores native snapshots this factory's backends wrote ({@link NativeSnapshots}) into a
   * backend of another kind, through the backend-neutral format: the way a checkpoint taken with
   * RocksDB restores into the heap backend. The default fails: this kind writes no native
   * snapshots.
   *
   * @param directories the snapshots, {@link NativeKeyedSnapshot#materialize}d
   * @param target a new backend; it gets the key groups it owns
   * @param scratch a directory for temporary files (removed before this returns)
   */
  default void restoreNativeInto(
      java.util.List<Path> directories, KeyedStateBackend target, Path scratch) throws IOException {
    throw new IOException(
        "The '" + name() + "' state backend writes no native snapshots to restore from");
  }
}
