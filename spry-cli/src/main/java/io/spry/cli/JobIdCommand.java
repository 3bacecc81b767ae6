package io.spry.cli;

import io.spry.cli.control.JobDirectory;
import io.spry.cli.control.JobFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A control command about one running job: {@code spry savepoint|stop|cancel|checkpoints <jobId>}.
 * It finds the job in the {@link JobDirectory} and talks to the {@code spry run} process that runs
 * it over the loopback control protocol.
 */
abstract class JobIdCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin Verbosity verbosity;

  @Parameters(
      index = "0",
      paramLabel = "<jobId>",
      description =
          "The job's id as 'spry run' printed it and 'spry list' shows it, or its first characters"
              + " (8 are enough unless two jobs share them).")
  String jobId;

  /** The running job the command names. */
  JobFile job() {
    return JobDirectory.standard().find(jobId);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** A directory given on this command line, made absolute: the job's process has its own. */
  static String absolute(Path dir) {
    return dir == null ? null : dir.toAbsolutePath().normalize().toString();
  }
}
