package io.spry.cli;

import io.spry.api.JobConfig;
import io.spry.api.checkpoint.RestartStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of {@code spry run} that configure the jobs it starts: checkpoints, restarts and
 * where to start from. The job's {@code main} builds its own environment, so they travel as system
 * properties that {@link JobConfig} reads as defaults (what the job sets itself wins). Mixed into
 * {@code run} and into every example, so they may come before or after the example's name.
 */
final class JobOptions {
  @Option(
      names = "--checkpoint-interval",
      paramLabel = "<duration>",
      description = "Take a checkpoint this often, e.g. 500ms, 10s, 1m (default: no checkpoints).")
  String checkpointInterval;

  @Option(
      names = "--checkpoint-dir",
      paramLabel = "<dir>",
      description =
          "Keep checkpoints in <dir>/<job name>/ (and savepoints taken without --dir in <dir>)."
              + " Default: a temporary directory deleted when the job ends.")
  Path checkpointDir;

  @Option(
      names = "--restart",
      paramLabel = "<strategy>",
      description =
          "What to do when a task fails: none, fixed:<attempts>:<delay>,"
              + " exponential:<initial>:<max>[:<attempts>] or"
              + " failure-rate:<failures>:<window>:<delay> (default: none without checkpoints, else"
              + " restart every second forever).")
  String restart;

  @Option(
      names = "--from",
      paramLabel = "<path>",
      description =
          "Start from this savepoint or checkpoint directory, or from the newest intact checkpoint"
              + " in a job's checkpoint directory.")
  Path from;

  @Option(
      names = "--allow-non-restored-state",
      description =
          "With --from: ignore state of operators the job no longer has (matched by uid) instead"
              + " of failing.")
  Boolean allowNonRestoredState;

  /** These options, with any not given here taken from {@code outer} (given before the example). */
  JobOptions orElse(JobOptions outer) {
    JobOptions o = new JobOptions();
    o.checkpointInterval =
        checkpointInterval != null ? checkpointInterval : outer.checkpointInterval;
    o.checkpointDir = checkpointDir != null ? checkpointDir : outer.checkpointDir;
    o.restart = restart != null ? restart : outer.restart;
    o.from = from != null ? from : outer.from;
    o.allowNonRestoredState =
        allowNonRestoredState != null ? allowNonRestoredState : outer.allowNonRestoredState;
    return o;
  }

  /**
   * The system properties these options give, checked first.
   *
   * @throws ParameterException naming the option whose value is not usable
   */
  Map<String, String> properties(CommandSpec spec) {
    Map<String, String> p = new LinkedHashMap<>();
    if (checkpointInterval != null) {
      try {
        io.spry.api.checkpoint.CheckpointConfig.parseInterval(checkpointInterval);
      } catch (IllegalArgumentException e) {
        throw usage(spec, "--checkpoint-interval " + e.getMessage());
      }
      p.put(JobConfig.CHECKPOINT_INTERVAL_PROPERTY, checkpointInterval.trim());
    }
    if (checkpointDir != null) {
      if (Files.exists(checkpointDir) && !Files.isDirectory(checkpointDir)) {
        throw usage(spec, "--checkpoint-dir " + checkpointDir + " is a file, not a directory");
      }
      p.put(
          JobConfig.CHECKPOINT_DIR_PROPERTY, checkpointDir.toAbsolutePath().normalize().toString());
    }
    if (restart != null) {
      try {
        RestartStrategy.parse(restart);
      } catch (IllegalArgumentException e) {
        throw usage(spec, "--restart " + e.getMessage());
      }
      p.put(JobConfig.RESTART_PROPERTY, restart.trim());
    }
    if (from != null) {
      if (!Files.isDirectory(from)) {
        throw usage(
            spec,
            "--from "
                + from
                + ": "
                + (Files.exists(from) ? "not a directory" : "no such directory")
                + " (give a savepoint's or checkpoint's directory, or a job's checkpoint"
                + " directory)");
      }
      p.put(JobConfig.RESTORE_FROM_PROPERTY, from.toAbsolutePath().normalize().toString());
    }
    if (allowNonRestoredState != null) {
      if (from == null && allowNonRestoredState) {
        throw usage(spec, "--allow-non-restored-state needs --from <path>: the state to restore");
      }
      p.put(JobConfig.ALLOW_NON_RESTORED_STATE_PROPERTY, allowNonRestoredState.toString());
    }
    return p;
  }

  private static ParameterException usage(CommandSpec spec, String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
