package io.spry.nexmark.bench;

import io.spry.nexmark.Query;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one measurement in a JVM of its own ({@link BenchMain}), so engines never share a heap, a
 * JIT profile or threads. Spry and the loop run on this JVM's classpath; Flink on the classpath the
 * build of spry-nexmark-flink wrote to {@code spry-nexmark-flink/target/flink-classpath.txt}, plus
 * that module's classes, so Flink is never on Spry's classpath.
 */
public final class BenchJvm {
  /** The JVM options every benchmark JVM gets unless told otherwise. */
  public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms2g", "-Xmx2g");

  private final List<String> jvmOptions;
  private final Path flinkClasspathFile;

  public BenchJvm(List<String> jvmOptions, Path flinkClasspathFile) {
    this.jvmOptions = List.copyOf(jvmOptions);
    this.flinkClasspathFile = flinkClasspathFile;
  }

  /** Measures {@code query} on {@code engine} in a new JVM; throws if that JVM fails. */
  public Measurement measure(
      Engine.Kind engine, Query query, long events, int parallelism, long warmupEvents)
      throws IOException, InterruptedException {
    return measure(engine, query, events, parallelism, warmupEvents, null);
  }

  /**
   * As {@link #measure(Engine.Kind, Query, long, int, long)}, and with a {@code profile} file, a
   * flight recording of the measured run written there ({@link Profiler}).
   */
  public Measurement measure(
      Engine.Kind engine,
      Query query,
      long events,
      int parallelism,
      long warmupEvents,
      Path profile)
      throws IOException, InterruptedException {
    String line =
        run(
            engine,
            query,
            Measurement.WIRE_PREFIX,
            events,
            parallelism,
            warmupEvents,
            List.of(),
            profile);
    return Measurement.parse(line);
  }

  /**
   * Measures a latency run of {@code events} at {@code rate} events/s of {@code query} on {@code
   * engine} in a new JVM; throws if that JVM fails.
   */
  public LatencyMeasurement measureLatency(
      Engine.Kind engine, Query query, long rate, long events, int parallelism, long warmupEvents)
      throws IOException, InterruptedException {
    return measureLatency(engine, query, rate, events, parallelism, warmupEvents, null);
  }

  /** As the other {@code measureLatency}, with a {@code profile} file as in {@code measure}. */
  public LatencyMeasurement measureLatency(
      Engine.Kind engine,
      Query query,
      long rate,
      long events,
      int parallelism,
      long warmupEvents,
      Path profile)
      throws IOException, InterruptedException {
    String line =
        run(
            engine,
            query,
            LatencyMeasurement.WIRE_PREFIX,
            events,
            parallelism,
            warmupEvents,
            List.of(Long.toString(rate)),
            profile);
    return LatencyMeasurement.parse(line);
  }

  private String run(
      Engine.Kind engine,
      Query query,
      String wirePrefix,
      long events,
      int parallelism,
      long warmupEvents,
      List<String> moreArgs,
      Path profile)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    if (profile != null) {
      command.add("-D" + Profiler.PROPERTY + "=" + profile.toAbsolutePath());
      command.add("-XX:FlightRecorderOptions=stackdepth=" + Profiler.STACK_DEPTH);
    }
    command.add("-cp");
    command.add(classpath(engine));
    command.add(BenchMain.class.getName());
    command.add(engine.id());
    command.add(query.name());
    command.add(Long.toString(events));
    command.add(Integer.toString(parallelism));
    command.add(Long.toString(warmupEvents));
    command.addAll(moreArgs);
    Path log = Files.createTempFile("nexmark-" + engine.id() + "-", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      int exit = process.waitFor();
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (String line : lines) {
        if (line.startsWith(wirePrefix) && exit == 0) {
          return line;
        }
      }
      int from = Math.max(0, lines.size() - 40);
      throw new IOException(
          "The "
              + engine.id()
              + " JVM for "
              + query.name().toLowerCase(Locale.ROOT)
              + " exited with "
              + exit
              + " and no measurement; its last output:\n"
              + String.join("\n", lines.subList(from, lines.size())));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  String classpath(Engine.Kind engine) throws IOException {
    if (engine != Engine.Kind.FLINK) {
      return System.getProperty("java.class.path");
    }
    if (!Files.isRegularFile(flinkClasspathFile)) {
      throw new IOException(
          "No Flink classpath at "
              + flinkClasspathFile
              + ": build the Flink queries first:"
              + " ./mvnw -pl spry-nexmark-flink -am package -DskipTests");
    }
    Path classes = flinkClasspathFile.getParent().resolve("classes");
    String dependencies = Files.readString(flinkClasspathFile, StandardCharsets.UTF_8).trim();
    return classes + File.pathSeparator + dependencies;
  }

  /**
   * Where the Flink classpath file is by default: {@code
   * <home>/spry-nexmark-flink/target/flink-classpath.txt}, with {@code <home>} the {@code
   * spry.home} system property, or else the checkout this code was loaded from ({@code
   * <home>/spry-cli/target/spry.jar} or {@code <home>/spry-nexmark/target/classes}).
   */
  public static Path defaultFlinkClasspathFile() {
    String home = System.getProperty("spry.home");
    Path root;
    if (home != null) {
      root = Path.of(home);
    } else {
      try {
        Path code =
            Path.of(BenchJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        root = code.toAbsolutePath().getParent().getParent().getParent();
      } catch (URISyntaxException | RuntimeException e) {
        root = Path.of(".");
      }
    }
    return root.resolve("spry-nexmark-flink").resolve("target").resolve("flink-classpath.txt");
  }
}
