package io.spry.nexmark.bench;

import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.latency.LatencyRun;
import java.util.Locale;

/**
 * One way of running the Nexmark queries: Spry, Apache Flink or the plain loop. An engine may keep
 * resources between runs (Flink keeps its mini cluster), so a warm-up run and the measured run
 * share them; {@link #close()} releases them.
 */
public interface Engine extends AutoCloseable {
  /** The engines, by the names the runner takes. */
  enum Kind {
    SPRY("io.spry.nexmark.bench.SpryEngine"),
    FLINK("io.spry.nexmark.flink.FlinkEngine"),
    LOOP("io.spry.nexmark.bench.LoopEngine");

    private final String className;

    Kind(String className) {
      this.className = className;
    }

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Unknown engine '" + name + "': expected spry, flink or loop", e);
      }
    }

    /**
     * A new engine of this kind. Loaded by name, so that a JVM needs only the classes of the engine
     * it runs: Flink's classes are on the classpath of a Flink JVM only.
     */
    public Engine create() {
      try {
        return (Engine) Class.forName(className).getDeclaredConstructor().newInstance();
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(
            "The "
                + id()
                + " engine is not on the classpath ("
                + className
                + "); the Flink engine runs in a JVM started with spry-nexmark-flink's classpath",
            e);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot create the " + id() + " engine", e);
      }
    }
  }

  /** Runs {@code query} over the events of {@code config} to the end, and sums the output up. */
  QueryResult run(Query query, GeneratorConfig config, int parallelism) throws Exception;

  /**
   * Runs {@code run}'s query in the latency mode (see {@link LatencyRun}): a source that emits each
   * event of {@code run.config()} when the wall clock reaches its timestamp, watermarks emitted on
   * the events that move them, and a sink that records each row's latency into {@code run}.
   *
   * @throws UnsupportedOperationException if this engine has no latency mode (the loop)
   */
  default QueryResult runLatency(LatencyRun run, int parallelism) throws Exception {
    throw new UnsupportedOperationException(
        "The " + getClass().getSimpleName() + " has no latency mode: use spry or flink");
  }

  @Override
  default void close() throws Exception {}
}
