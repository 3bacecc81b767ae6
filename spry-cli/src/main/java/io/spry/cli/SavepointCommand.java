package io.spry.cli;

import io.spry.cli.control.ControlClient;
import io.spry.cli.control.JobFile;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spry savepoint <jobId> [--dir <dir>]}: a savepoint of a running job, which goes on. */
@Command(
    name = "savepoint",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Takes a savepoint of a running job, which goes on running.",
      "Prints the savepoint's directory; start a job from it with 'spry run ... --from <path>'.",
      "The job must run with checkpointing (spry run --checkpoint-interval)."
    })
final class SavepointCommand extends JobIdCommand {
  @Option(
      names = "--dir",
      paramLabel = "<dir>",
      description =
          "Where to create the savepoint's directory (default: the job's checkpoint directory,"
              + " --checkpoint-dir, beside the job's checkpoints).")
  Path dir;

  @Override
  public Integer call() {
    JobFile job = job();
    out().println(ControlClient.savepoint(job, absolute(dir)));
    out().flush();
    return SpryCli.EXIT_OK;
  }
}
