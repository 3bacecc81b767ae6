package io.spry.cli;

import io.spry.cli.control.ControlClient;
import io.spry.cli.control.JobFile;
import picocli.CommandLine.Command;

/** {@code spry cancel <jobId>}: ends a running job without a savepoint. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Cancels a running job, without a savepoint.",
      "Waits (up to a minute) until it has ended. Its checkpoints are deleted unless the job"
          + " retains them on cancel."
    })
final class CancelCommand extends JobIdCommand {
  @Override
  public Integer call() {
    JobFile job = job();
    String status = ControlClient.cancel(job);
    out().println("Job '" + job.jobName() + "' (" + job.jobId() + "): " + status);
    out().flush();
    return SpryCli.EXIT_OK;
  }
}
