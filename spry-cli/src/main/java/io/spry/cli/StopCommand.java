package io.spry.cli;

import io.spry.cli.control.ControlClient;
import io.spry.cli.control.JobFile;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code spry stop <jobId> --savepoint [--dir <dir>]}: a savepoint, then the job ends. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Stops a running job with a savepoint.",
      "Takes the savepoint, then cancels the job, and prints the savepoint's directory once the"
          + " job has ended. If the savepoint fails, the job goes on running. Continue later with"
          + " 'spry run ... --from <path>'.",
      "The job must run with checkpointing (spry run --checkpoint-interval)."
    })
final class StopCommand extends JobIdCommand {
  @Option(
      names = "--savepoint",
      description = "Take a savepoint before stopping (required; 'spry cancel' stops without).")
  boolean savepoint;

  @Option(
      names = "--dir",
      paramLabel = "<dir>",
      description =
          "Where to create the savepoint's directory (default: the job's checkpoint directory,"
              + " --checkpoint-dir, beside the job's checkpoints).")
  Path dir;

  @Override
  public Integer call() {
    if (!savepoint) {
      throw new ParameterException(
          spec.commandLine(),
          "'spry stop' takes a savepoint before it stops the job: add --savepoint (to stop"
              + " without one, use 'spry cancel "
              + jobId
              + "')");
    }
    JobFile job = job();
    out().println(ControlClient.stopWithSavepoint(job, absolute(dir)));
    out().flush();
    return SpryCli.EXIT_OK;
  }
}
