package io.spry.cli;

import io.spry.api.checkpoint.CheckpointStats;
import io.spry.cli.control.ControlClient;
import io.spry.cli.control.JobFile;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code spry checkpoints <jobId>}: a running job's completed checkpoints and savepoints. */
@Command(
    name = "checkpoints",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Lists the completed checkpoints and savepoints of a running job.",
      "Oldest first: id, kind, when it was triggered, how long it took, its size, the longest"
          + " barrier alignment, the subtask that acknowledged last with its longest synchronous"
          + " snapshot part, and its directory. Only the last few checkpoints stay on disk"
          + " (CheckpointConfig.setRetained)."
    })
final class CheckpointsCommand extends JobIdCommand {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

  @Override
  public Integer call() {
    JobFile job = job();
    ControlClient.Status status = ControlClient.status(job);
    List<CheckpointStats> stats = ControlClient.checkpoints(job);
    PrintWriter out = out();
    if (stats.isEmpty()) {
      out.println(
          "Job '"
              + job.jobName()
              + "' ("
              + job.jobId()
              + ") has no completed checkpoint yet (one every "
              + status.checkpointInterval()
              + ").");
      out.flush();
      return SpryCli.EXIT_OK;
    }
    Table t =
        new Table(
            "ID",
            "KIND",
            "TRIGGERED",
            "DURATION",
            "SIZE",
            "ALIGNMENT",
            "SLOWEST SUBTASK",
            "SYNC",
            "PATH");
    for (CheckpointStats c : stats) {
      t.add(
          Long.toString(c.id()),
          c.savepoint() ? "savepoint" : "checkpoint",
          TIME.format(Instant.ofEpochMilli(c.triggerTimestamp())),
          c.durationMillis() + " ms",
          bytes(c.sizeBytes()),
          c.alignmentMillis() + " ms",
          c.slowestSubtask().isEmpty() ? "-" : c.slowestSubtask(),
          c.slowestSyncMillis() + " ms",
          c.path());
    }
    t.print(out);
    return SpryCli.EXIT_OK;
  }

  /** 532 B, 12.3 KiB, 4.0 MiB. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
