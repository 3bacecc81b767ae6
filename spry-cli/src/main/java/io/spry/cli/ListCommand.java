package io.spry.cli;

import io.spry.cli.control.ControlClient;
import io.spry.cli.control.ControlException;
import io.spry.cli.control.JobDirectory;
import io.spry.cli.control.JobFile;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code spry list}: the jobs that run now, started by 'spry run' as this user. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Lists the running jobs that 'spry run' started.",
      "Those of this user on this machine: id, name, status, when it started, its completed"
          + " checkpoints (or 'off' without checkpointing) and the process that runs it."
    })
final class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<JobFile> jobs = JobDirectory.standard().running();
    if (jobs.isEmpty()) {
      out.println("No running jobs.");
      out.flush();
      return SpryCli.EXIT_OK;
    }
    Table t = new Table("ID", "NAME", "STATUS", "STARTED", "CHECKPOINTS", "PID");
    for (JobFile j : jobs) {
      String status;
      String checkpoints;
      try {
        ControlClient.Status s = ControlClient.status(j);
        status = s.status();
        checkpoints =
            s.checkpointing() ? s.checkpoints() + " (every " + s.checkpointInterval() + ")" : "off";
        if (s.restarts() > 0) {
          status += " (" + s.restarts() + (s.restarts() == 1 ? " restart)" : " restarts)");
        }
      } catch (ControlException e) {
        status = "UNREACHABLE";
        checkpoints = "?";
        spec.commandLine().getErr().println("Warning: " + e.getMessage());
      }
      t.add(j.jobId(), j.jobName(), status, j.started(), checkpoints, Long.toString(j.pid()));
    }
    t.print(out);
    return SpryCli.EXIT_OK;
  }
}
