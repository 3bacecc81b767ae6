package io.spry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spry run --jar}: jobs compiled here into a jar that is not on the test's classpath. */
class JarRunTest {
  @TempDir static Path dir;
  static Path jar;
  static Path jarWithoutMainClass;

  private static final String SUMS =
      """
      package job;

      import io.spry.api.StreamEnvironment;

      public class Sums {
        public static void main(String[] args) {
          StreamEnvironment env = StreamEnvironment.create();
          System.out.println("parallelism=" + env.getParallelism() + " args=" + String.join(",", args));
          long n = Long.parseLong(args[0]);
          env.fromSequence(1, n).map(x -> x * 2).keyBy(x -> 0L).reduce(Long::sum).print();
          env.execute("sums");
        }
      }
      """;

  private static final String FAILS =
      """
      package job;

      import io.spry.api.StreamEnvironment;

      public class Fails {
        public static void main(String[] args) {
          StreamEnvironment env = StreamEnvironment.create();
          env.fromSequence(1, 10).map(x -> 10 / (x - 5)).name("divide").print();
          env.execute("fails");
        }
      }
      """;

  private static final String SHOW_CONFIG =
      """
      package job;

      import io.spry.api.StreamEnvironment;

      public class ShowConfig {
        public static void main(String[] args) {
          StreamEnvironment env = StreamEnvironment.create();
          var c = env.getConfig();
          System.out.println("interval=" + c.getCheckpointConfig().getInterval());
          System.out.println("dir=" + c.getCheckpointConfig().getStorage());
          System.out.println("restart=" + c.getRestartStrategy());
          System.out.println("from=" + c.getRestoreFrom());
          System.out.println("allow=" + c.isAllowNonRestoredState());
          env.fromSequence(1, 3).map(x -> x * 2).print();
          env.execute("show-config");
        }
      }
      """;

  private static final String THROWS =
      """
      package job;

      public class Throws {
        public static void main(String[] args) {
          throw new IllegalStateException("no config file");
        }
      }
      """;

  private static final String NO_MAIN =
      """
      package job;

      public class NoMain {
        public static void start(String[] args) {}
      }
      """;

  @BeforeAll
  static void buildJars() throws IOException {
    Path src = dir.resolve("src/job");
    Path classes = dir.resolve("classes");
    Files.createDirectories(src);
    Files.createDirectories(classes);
    Files.writeString(src.resolve("Sums.java"), SUMS);
    Files.writeString(src.resolve("Fails.java"), FAILS);
    Files.writeString(src.resolve("Throws.java"), THROWS);
    Files.writeString(src.resolve("ShowConfig.java"), SHOW_CONFIG);
    Files.writeString(src.resolve("NoMain.java"), NO_MAIN);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            src.resolve("Sums.java").toString(),
            src.resolve("Fails.java").toString(),
            src.resolve("Throws.java").toString(),
            src.resolve("ShowConfig.java").toString(),
            src.resolve("NoMain.java").toString());
    assertThat(rc).as("javac exit code").isZero();
    jar = jar(classes, dir.resolve("job.jar"), "job.Sums");
    jarWithoutMainClass = jar(classes, dir.resolve("plain.jar"), null);
  }

  private static Path jar(Path classes, Path target, String mainClass) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (mainClass != null) {
      manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
    }
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return target;
  }

  @Test
  void theJobClassesAreNotOnTheTestClasspath() {
    assertThat(getClass().getClassLoader().getResource("job/Sums.class")).isNull();
  }

  @Test
  void runsTheMainOfTheManifestWithParallelismAndArguments() {
    CliRun r = CliRun.of("run", "--jar", jar.toString(), "-p", "3", "--", "100", "extra");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("parallelism=3 args=100,extra");
    // the running sum of 2 + 4 + ... + 200 ends at 10100; one key, so one subtask prints
    assertThat(lines).hasSize(101).contains(lines.get(0)).anyMatch(l -> l.endsWith("> 10100"));
    assertThat(System.getProperty("spry.parallelism")).isNull();
  }

  @Test
  void checkpointAndRestartOptionsReachTheJobsConfigAndTheJobIdIsPrinted() {
    Path ckpt = dir.resolve("ckpt");
    CliRun r =
        CliRun.of(
            "run",
            "--jar",
            jar.toString(),
            "--class",
            "job.ShowConfig",
            "--checkpoint-interval",
            "250ms",
            "--checkpoint-dir",
            ckpt.toString(),
            "--restart",
            "fixed:3:2s",
            "-p",
            "1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines().toList())
        .startsWith(
            "interval=PT0.25S",
            "dir=" + ckpt.toAbsolutePath(),
            "restart=FixedDelay[attempts=3, delay=PT2S]",
            "from=null",
            "allow=false")
        .endsWith("2", "4", "6");
    assertThat(r.err()).matches("Job 'show-config' started: id [0-9a-f]{32}\\R");
    // set only while main ran
    assertThat(System.getProperty("spry.checkpoint.interval")).isNull();
    assertThat(System.getProperty("spry.restart")).isNull();
  }

  @Test
  void aBadCheckpointOptionIsAUsageErrorNamingIt() {
    CliRun r =
        CliRun.of(
            "run",
            "--jar",
            jar.toString(),
            "--class",
            "job.ShowConfig",
            "--checkpoint-interval",
            "2");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("--checkpoint-interval must be a duration like 500ms, 2s or 1m, was '2'");
  }

  @Test
  void runsTheClassGiven() {
    CliRun r =
        CliRun.of("run", "--jar", jarWithoutMainClass.toString(), "--class", "job.Sums", "--", "3");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("args=3").containsPattern("(?m)^(\\d+> )?12$");
  }

  @Test
  void aFailingJobExitsWithOneAndItsMessageWithoutAStackTrace() {
    CliRun r = CliRun.of("run", "--jar", jar.toString(), "--class", "job.Fails");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("Job 'fails' started: id ")
        .contains("\nError: Job 'fails'")
        .contains("divide")
        .contains("ArithmeticException")
        .contains("--verbose")
        .doesNotContain("\tat ");
  }

  @Test
  void verboseShowsTheStackTrace() {
    CliRun r = CliRun.of("run", "--verbose", "--jar", jar.toString(), "--class", "job.Fails");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("Error: Job 'fails'").contains("\tat ");
  }

  @Test
  void anExceptionFromMainExitsWithOne() {
    CliRun r = CliRun.of("run", "--jar", jar.toString(), "--class", "job.Throws");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("job.Throws.main failed").contains("no config file");
  }

  @Test
  void aMissingJarClassOrMainIsAUsageError() {
    CliRun noJar = CliRun.of("run", "--jar", dir.resolve("missing.jar").toString());
    assertThat(noJar.exitCode()).isEqualTo(2);
    assertThat(noJar.err()).contains("Jar file not found").contains("missing.jar");

    CliRun noClass = CliRun.of("run", "--jar", jar.toString(), "--class", "job.Nope");
    assertThat(noClass.exitCode()).isEqualTo(2);
    assertThat(noClass.err()).contains("Class job.Nope not found in").contains("job.jar");

    CliRun noMain = CliRun.of("run", "--jar", jar.toString(), "--class", "job.NoMain");
    assertThat(noMain.exitCode()).isEqualTo(2);
    assertThat(noMain.err()).contains("job.NoMain has no public static void main");

    CliRun noManifest = CliRun.of("run", "--jar", jarWithoutMainClass.toString());
    assertThat(noManifest.exitCode()).isEqualTo(2);
    assertThat(noManifest.err()).contains("no Main-Class").contains("--class");

    CliRun classWithoutJar = CliRun.of("run", "--class", "job.Sums");
    assertThat(classWithoutJar.exitCode()).isEqualTo(2);
    assertThat(classWithoutJar.err()).contains("--class needs --jar");
  }
}
