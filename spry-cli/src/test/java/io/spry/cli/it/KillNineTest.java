package io.spry.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.runtime.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of exactly once: {@link KillTestJob} runs in a child JVM started through the CLI with
 * checkpoints every 300 ms; the test kills it with SIGKILL at random moments, five times, and
 * restarts it each time from its latest checkpoint ({@code spry run ... --from}). The output must
 * equal a failure-free run's, computed independently here: every event once, with the count keyed
 * state gave it, and every window's count right.
 */
class KillNineTest {
  static final long N = 1_000_000;
  static final long KEYS = 1_000;
  static final double RATE = 100_000;

  @Test
  void killedFiveTimesTheJobStillWritesEveryEventExactlyOnce(@TempDir Path dir) throws Exception {
    Path jar = jobJar(dir);
    Path out = dir.resolve("out");
    Path checkpoints = dir.resolve("checkpoints");
    Path jobCheckpoints = checkpoints.resolve("kill-test");
    Random random = new Random(42);
    int kills = 0;
    int runs = 0;
    while (true) {
      boolean restore = hasCompleteCheckpoint(jobCheckpoints);
      Process p = start(jar, out, checkpoints, restore ? jobCheckpoints : null, dir, runs++);
      if (kills == 5) {
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the last run finished").isTrue();
        assertThat(p.exitValue())
            .as("exit code; see " + dir.resolve("run-" + (runs - 1) + ".log"))
            .isZero();
        break;
      }
      // run until at least one checkpoint of this run completed, then a random while longer
      // by the highest id, not the count: retention keeps the count at 3
      long before = highestCheckpoint(jobCheckpoints);
      int run = runs - 1;
      Await.until(
          Duration.ofSeconds(60),
          () -> "a checkpoint after " + before + " in run " + run + " (see its log in " + dir + ")",
          () -> {
            try {
              return highestCheckpoint(jobCheckpoints) > before || !p.isAlive();
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
      Thread.sleep(random.nextInt(600));
      if (!p.isAlive()) {
        String log = Files.readString(dir.resolve("run-" + (runs - 1) + ".log"));
        assertThat(p.exitValue()).as("run %d ended by itself:%n%s", runs - 1, log).isZero();
        break; // it finished before we killed it: no more kills possible
      }
      p.destroyForcibly(); // SIGKILL
      p.waitFor();
      kills++;
    }
    assertThat(kills).as("kills before the job could finish").isEqualTo(5);
    verify(out);
  }

  private static void verify(Path out) throws IOException {
    Map<Long, long[]> seqSeen = new HashMap<>();
    Map<Long, long[]> countSeen = new HashMap<>();
    Map<String, Long> windows = new HashMap<>();
    long events = 0;
    for (String line : visibleLines(out)) {
      String[] f = line.split(",");
      long key = Long.parseLong(f[1]);
      if (f[0].equals("E")) {
        events++;
        long seq = Long.parseLong(f[2]);
        long count = Long.parseLong(f[3]);
        seqSeen.computeIfAbsent(key, k -> new long[(int) (N / KEYS)])[(int) seq]++;
        countSeen.computeIfAbsent(key, k -> new long[(int) (N / KEYS) + 1])[(int) count]++;
      } else {
        assertThat(windows.put(f[1] + "," + f[2], Long.parseLong(f[3])))
            .as("window written twice: " + line)
            .isNull();
      }
    }
    assertThat(events).as("event lines (lost or duplicated events)").isEqualTo(N);
    assertThat(seqSeen).hasSize((int) KEYS);
    for (Map.Entry<Long, long[]> e : seqSeen.entrySet()) {
      for (int s = 0; s < N / KEYS; s++) {
        assertThat(e.getValue()[s]).as("key %d seq %d", e.getKey(), s).isEqualTo(1);
        // counts 1..N/KEYS each exactly once: a lost update repeats one, a doubled one skips one
        assertThat(countSeen.get(e.getKey())[s + 1])
            .as("key %d count %d", e.getKey(), s + 1)
            .isEqualTo(1);
      }
    }
    Map<String, Long> expected = new HashMap<>();
    for (long i = 0; i < N; i++) {
      expected.merge((i % KEYS) + "," + (i - i % 10_000), 1L, Long::sum);
    }
    assertThat(windows).isEqualTo(expected);
  }

  private static List<String> visibleLines(Path out) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (!name.startsWith(".") && !name.startsWith("_")) {
          lines.addAll(Files.readAllLines(f));
        }
      }
    }
    return lines;
  }

  private static Process start(Path jar, Path out, Path checkpoints, Path from, Path dir, int run)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.spry.cli.SpryCli");
    cmd.addAll(
        List.of(
            "run",
            "--jar",
            jar.toString(),
            "--class",
            KillTestJob.class.getName(),
            "-p",
            "2",
            "--checkpoint-interval",
            "300ms",
            "--checkpoint-dir",
            checkpoints.toString()));
    if (from != null) {
      cmd.addAll(List.of("--from", from.toString()));
    }
    cmd.addAll(
        List.of(
            "--",
            out.toString(),
            String.valueOf(N),
            String.valueOf(KEYS),
            String.valueOf((long) RATE)));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("SPRY_JOBS_DIR", dir.resolve("jobs").toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("run-" + run + ".log").toFile());
    return pb.start();
  }

  private static boolean hasCompleteCheckpoint(Path jobDir) throws IOException {
    return highestCheckpoint(jobDir) > 0;
  }

  /** The highest id of a complete checkpoint in {@code jobDir}, or 0 when there is none. */
  private static long highestCheckpoint(Path jobDir) throws IOException {
    if (!Files.isDirectory(jobDir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(jobDir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("chk-"))
          .filter(p -> Files.exists(p.resolve("_manifest")))
          .mapToLong(p -> Long.parseLong(p.getFileName().toString().substring(4)))
          .max()
          .orElse(0);
    }
  }

  /** A jar with the job's classes, as a user would ship it. */
  private static Path jobJar(Path dir) throws IOException {
    Path jar = dir.resolve("kill-test-job.jar");
    try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
      String pkg = KillTestJob.class.getPackageName().replace('.', '/');
      Path classes = Path.of(System.getProperty("user.dir"), "target", "test-classes", pkg);
      try (Stream<Path> s = Files.list(classes)) {
        for (Path c :
            s.filter(p -> p.getFileName().toString().startsWith("KillTestJob")).toList()) {
          j.putNextEntry(new JarEntry(pkg + "/" + c.getFileName()));
          try (InputStream in = Files.newInputStream(c)) {
            in.transferTo(j);
          }
          j.closeEntry();
        }
      }
    }
    return jar;
  }
}
