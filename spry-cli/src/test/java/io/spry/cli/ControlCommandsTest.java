package io.spry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.cli.control.ControlClient;
import io.spry.cli.control.JobDirectory;
import io.spry.cli.control.JobFile;
import io.spry.examples.RollingAggregate;
import io.spry.examples.RollingAggregate.Reading;
import io.spry.examples.RollingAggregate.ReadingGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control commands against jobs that {@code spry run} runs on a background thread of this JVM,
 * reached the way another terminal reaches them: through the jobs directory and the loopback
 * protocol.
 */
class ControlCommandsTest {
  private static final Pattern JOB_LINE =
      Pattern.compile("(?m)^([0-9a-f]{32})\\s+rolling-aggregate\\s+RUNNING\\s+.*$");
  private static final Pattern STATS =
      Pattern.compile(
          "^(?:\\d+> )?sensor-(\\d+) count=(\\d+) sum=(\\d+) min=(\\d+) max=(\\d+) mean=.*$");

  @TempDir Path dir;
  private String previousJobsDir;

  @BeforeEach
  void ownJobsDirectory() {
    previousJobsDir = System.getProperty(JobDirectory.DIR_PROPERTY);
    System.setProperty(JobDirectory.DIR_PROPERTY, dir.resolve("jobs").toString());
  }

  @AfterEach
  void restoreJobsDirectory() {
    // a failed test may leave its job running: end it, so the next test's run is not held up
    for (JobFile j : JobDirectory.standard().running()) {
      ControlClient.cancel(j);
    }
    if (previousJobsDir == null) {
      System.clearProperty(JobDirectory.DIR_PROPERTY);
    } else {
      System.setProperty(JobDirectory.DIR_PROPERTY, previousJobsDir);
    }
  }

  /** A control command, run as in another terminal: its own output streams. */
  private static CliRun command(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      int code = SpryCli.execute(o, e, args);
      return new CliRun(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  /** {@code spry run ...} on a background thread. */
  private static CompletableFuture<CliRun> runInBackground(String... args) {
    return CompletableFuture.supplyAsync(
        () -> CliRun.of(args), r -> new Thread(r, "spry-run").start());
  }

  /** Runs {@code args} until its output satisfies {@code done} (or gives up after a minute). */
  private static CliRun until(Predicate<CliRun> done, String... args) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    CliRun r = command(args);
    while (!done.test(r) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      r = command(args);
    }
    return r;
  }

  /** The id of the one running rolling-aggregate job, once 'spry list' shows it. */
  private static String runningJobId(CompletableFuture<CliRun> run) throws Exception {
    CliRun list = until(r -> JOB_LINE.matcher(r.out()).find() || run.isDone(), "list");
    assertThat(run).as("the job ended before it was listed").isNotDone();
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).startsWith("ID").contains("NAME", "STATUS", "STARTED", "CHECKPOINTS");
    Matcher m = JOB_LINE.matcher(list.out());
    assertThat(m.find()).as(list.out()).isTrue();
    return m.group(1);
  }

  @Test
  void savepointThenStopWithSavepointThenContinueFromItWithExactlyTheRightTotals()
      throws Exception {
    long events = 20_000;
    int sensors = 5;
    Path checkpoints = dir.resolve("ckpt");
    // 500 readings a second: 40 s in all, so it still runs when it is stopped
    CompletableFuture<CliRun> first =
        runInBackground(
            "run",
            "-p",
            "2",
            "rolling-aggregate",
            "--events",
            Long.toString(events),
            "--sensors",
            Integer.toString(sensors),
            "--rate",
            "500",
            "--report-every",
            Long.toString(events),
            "--checkpoint-interval",
            "50ms",
            "--checkpoint-dir",
            checkpoints.toString());
    String id = runningJobId(first);
    String prefix = id.substring(0, 8);

    Pattern checkpointRow = Pattern.compile("(?m)^\\d+ +checkpoint ");
    CliRun stats =
        until(r -> checkpointRow.matcher(r.out()).find() || first.isDone(), "checkpoints", prefix);
    assertThat(stats.exitCode()).as(stats.err()).isZero();
    assertThat(stats.out().lines().findFirst().orElseThrow())
        .contains("ID", "DURATION", "SIZE", "ALIGNMENT", "SLOWEST SUBTASK", "PATH");
    assertThat(stats.out())
        .containsPattern(
            "(?m)^(\\d+) +checkpoint +\\S+ +\\d+ ms +[\\d.]+ (B|KiB) +\\d+ ms +\\S.* +\\d+ ms +"
                + Pattern.quote(checkpoints.resolve("rolling-aggregate").resolve("chk-").toString())
                + "\\1$");

    // a savepoint into the job's checkpoint directory (no --dir), then one given a directory
    CliRun beside = command("savepoint", prefix);
    assertThat(beside.exitCode()).as(beside.err()).isZero();
    Path besidePath = Path.of(beside.out().strip());
    assertThat(besidePath.getParent()).isEqualTo(checkpoints);
    assertThat(besidePath.resolve("_manifest")).isRegularFile();

    CliRun savepoint = command("savepoint", prefix, "--dir", dir.resolve("sp").toString());
    assertThat(savepoint.exitCode()).as(savepoint.err()).isZero();
    Path savepointPath = Path.of(savepoint.out().strip());
    assertThat(savepointPath.getParent()).isEqualTo(dir.resolve("sp"));
    assertThat(savepointPath.getFileName().toString()).startsWith("savepoint-" + prefix + "-");
    assertThat(savepointPath.resolve("_manifest")).isRegularFile();

    CliRun stop = command("stop", id, "--savepoint", "--dir", dir.resolve("stop").toString());
    assertThat(stop.exitCode()).as(stop.err()).isZero();
    Path stopPath = Path.of(stop.out().strip());
    assertThat(stopPath.resolve("_manifest")).isRegularFile();

    CliRun firstRun = first.get(1, TimeUnit.MINUTES);
    assertThat(firstRun.exitCode()).as(firstRun.err()).isZero();
    assertThat(firstRun.err())
        .startsWith("Job 'rolling-aggregate' started: id " + id)
        .contains("Job 'rolling-aggregate' took a savepoint: " + savepointPath)
        .contains("Job 'rolling-aggregate' stopped with a savepoint: " + stopPath);
    assertThat(command("list").out()).isEqualTo("No running jobs." + System.lineSeparator());
    // savepoints outlive the job; its checkpoints go with it (not retained on cancel)
    assertThat(besidePath.resolve("_manifest")).isRegularFile();
    assertThat(checkpoints.resolve("rolling-aggregate")).doesNotExist();

    // Continue from the stop's savepoint, without a rate limit, printing every update.
    CliRun second =
        CliRun.of(
            "run",
            "-p",
            "2",
            "rolling-aggregate",
            "--events",
            Long.toString(events),
            "--sensors",
            Integer.toString(sensors),
            "--report-every",
            "1",
            "--from",
            stopPath.toString());
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.err()).contains("(restored from " + stopPath + ")");

    Map<Integer, List<long[]>> bySensor = new HashMap<>();
    for (String line : second.out().lines().toList()) {
      Matcher m = STATS.matcher(line);
      assertThat(m.matches()).as("output line '%s'", line).isTrue();
      bySensor
          .computeIfAbsent(Integer.parseInt(m.group(1)), s -> new ArrayList<>())
          .add(
              new long[] {
                Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)),
                Long.parseLong(m.group(5))
              });
    }
    // Computed here, reading by reading: each sensor's count, sum, min and max over all events.
    long[][] expected = new long[sensors][];
    ReadingGenerator generator = new ReadingGenerator(sensors);
    for (long i = 0; i < events; i++) {
      Reading r = generator.map(i);
      long[] e = expected[r.sensor()];
      expected[r.sensor()] =
          e == null
              ? new long[] {1, r.value(), r.value(), r.value()}
              : new long[] {
                e[0] + 1, e[1] + r.value(), Math.min(e[2], r.value()), Math.max(e[3], r.value())
              };
    }
    assertThat(bySensor.keySet()).hasSize(sensors);
    long restored = 0;
    for (int s = 0; s < sensors; s++) {
      List<long[]> updates = bySensor.get(s);
      // the count goes on from the savepoint's (not from 1), one up per reading: no reading is
      // lost or counted twice between the two runs
      long firstCount = updates.get(0)[0];
      assertThat(firstCount).as("sensor %d's first count after the restore", s).isGreaterThan(1);
      for (int i = 0; i < updates.size(); i++) {
        assertThat(updates.get(i)[0]).isEqualTo(firstCount + i);
      }
      assertThat(updates.get(updates.size() - 1))
          .as("sensor %d's final statistics", s)
          .containsExactly(expected[s]);
      assertThat(expected[s][0]).isEqualTo(RollingAggregate.readingsOf(s, events, sensors));
      restored += firstCount - 1;
    }
    // the second run read only what the first had not: the savepoint held the rest
    assertThat(second.out().lines().count()).isEqualTo(events - restored);
  }

  @Test
  void clearErrorsForAnUnknownIdAJobWithoutCheckpointsAndStopWithoutSavepoint() throws Exception {
    CompletableFuture<CliRun> run =
        runInBackground("run", "rolling-aggregate", "--events", "1000000", "--rate", "1000");
    String id = runningJobId(run);
    String prefix = id.substring(0, 8);

    CliRun unknown = command("savepoint", "deadbeef");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err())
        .contains("No running job has id 'deadbeef'. Running jobs:")
        .contains(id + "  rolling-aggregate (started ");

    CliRun savepoint = command("savepoint", prefix);
    assertThat(savepoint.exitCode()).isEqualTo(1);
    assertThat(savepoint.out()).isEmpty();
    assertThat(savepoint.err())
        .contains("Job 'rolling-aggregate' (" + id + ") runs without checkpointing")
        .contains("--checkpoint-interval")
        .contains("env.enableCheckpointing");

    CliRun checkpoints = command("checkpoints", prefix);
    assertThat(checkpoints.exitCode()).isEqualTo(1);
    assertThat(checkpoints.err())
        .contains("runs without checkpointing")
        .contains("--checkpoint-interval");

    CliRun stop = command("stop", prefix);
    assertThat(stop.exitCode()).isEqualTo(2);
    assertThat(stop.err()).contains("add --savepoint").contains("spry cancel " + prefix);

    CliRun cancel = command("cancel", prefix);
    assertThat(cancel.exitCode()).as(cancel.err()).isZero();
    assertThat(cancel.out())
        .isEqualTo("Job 'rolling-aggregate' (" + id + "): CANCELED" + System.lineSeparator());
    CliRun ended = run.get(1, TimeUnit.MINUTES);
    assertThat(ended.exitCode()).as(ended.err()).isZero();
    assertThat(ended.err()).contains("is being cancelled (spry cancel)");

    CliRun none = command("cancel", prefix);
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err())
        .contains("No running job has id '" + prefix + "': no Spry jobs are running");
  }

  @Test
  void aSavepointWithoutDirNeedsACheckpointDirectoryAndAFailedOneSaysWhy() throws Exception {
    CompletableFuture<CliRun> run =
        runInBackground(
            "run",
            "--checkpoint-interval",
            "1s",
            "rolling-aggregate",
            "--events",
            "1000000",
            "--rate",
            "1000");
    String id = runningJobId(run);

    CliRun savepoint = command("savepoint", id);
    assertThat(savepoint.exitCode()).isEqualTo(1);
    assertThat(savepoint.err())
        .contains("has no checkpoint directory to put the savepoint in: give --dir <dir>");

    // a savepoint that cannot be written says why, and a stop that fails leaves the job running
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    CliRun failed = command("stop", id, "--savepoint", "--dir", file.toString());
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.err())
        .contains("Job 'rolling-aggregate' (" + id + ") could not take the savepoint: ")
        .contains("Cannot create the directory of checkpoint")
        .contains(file.toString())
        .contains("the job goes on running");
    assertThat(command("list").out()).containsPattern(JOB_LINE);

    CliRun cancel = command("cancel", id);
    assertThat(cancel.exitCode()).as(cancel.err()).isZero();
    assertThat(run.get(1, TimeUnit.MINUTES).exitCode()).isZero();
    assertThat(Files.list(dir.resolve("jobs")).toList()).isEmpty();
  }
}
