package io.spry.runtime.state;

import io.spry.api.JobConfig;
import io.spry.api.time.Clock;
import io.spry.api.types.TypeInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds the keyed state backend a job chose among the {@link KeyedStateBackendFactory}s. */
public final class KeyedStateBackends {
  private KeyedStateBackends() {}

  /** The modules that provide backends beyond the heap, for the error on an unknown name. */
  private static final Map<String, String> KNOWN_MODULES = Map.of("rocksdb", "spry-state-rocksdb");

  /** The factories on the class path, by name. */
  public static Map<String, KeyedStateBackendFactory> available() {
    Map<String, KeyedStateBackendFactory> out = new TreeMap<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = KeyedStateBackends.class.getClassLoader();
    }
    for (KeyedStateBackendFactory f : ServiceLoader.load(KeyedStateBackendFactory.class, loader)) {
      out.putIfAbsent(f.name(), f);
    }
    if (!out.containsKey("heap")) { // a class loader that does not see spry-runtime's services
      out.put("heap", new io.spry.runtime.state.heap.HeapKeyedStateBackendFactory());
    }
    return out;
  }

  /**
   * The factory of the named backend.
   *
   * @throws IllegalArgumentException when no backend of that name is on the class path: the message
   *     lists the available ones and the module that provides the one asked for
   */
  public static KeyedStateBackendFactory factory(String name) {
    String key = name.trim().toLowerCase(Locale.ROOT);
    Map<String, KeyedStateBackendFactory> available = available();
    KeyedStateBackendFactory f = available.get(key);
    if (f != null) {
      return f;
    }
    String module = KNOWN_MODULES.get(key);
    throw new IllegalArgumentException(
        "Unknown state backend '"
            + name
            + "' (JobConfig.setStateBackend). Available: "
            + String.join(", ", available.keySet())
            + "."
            + (module != null
                ? " The '"
                    + key
                    + "' backend is in the module io.spry:"
                    + module
                    + ": add it to"
                    + " the job's dependencies (the spry CLI includes it)."
                : " Backends are found with java.util.ServiceLoader"
                    + " (io.spry.runtime.state.KeyedStateBackendFactory)."));
  }

  /**
   * The job's options of one backend ({@code JobConfig.setStateBackendOption}): those whose key
   * starts with the backend's name and a dot; the options of other backends are left out.
   */
  public static Map<String, String> optionsOf(JobConfig config, String backend) {
    String prefix = backend.trim().toLowerCase(Locale.ROOT) + ".";
    Map<String, String> out = new TreeMap<>();
    config
        .getStateBackendOptions()
        .forEach(
            (k, v) -> {
              if (k.startsWith(prefix)) {
                out.put(k, v);
              }
            });
    return out;
  }

  /** A backend for one keyed operator in one subtask, of the kind the job's config chose. */
  public static KeyedStateBackend create(
      JobConfig config, KeyGroupRange range, Clock clock, TypeInfo<?> keyType) {
    String dir = config.getStateBackendDirectory();
    try {
      return factory(config.getStateBackend())
          .create(
              range,
              config.getMaxParallelism(),
              clock,
              keyType,
              dir == null ? null : Path.of(dir),
              optionsOf(config, config.getStateBackend()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Creating the '" + config.getStateBackend() + "' state backend failed: " + e.getMessage(),
          e);
    }
  }
}
