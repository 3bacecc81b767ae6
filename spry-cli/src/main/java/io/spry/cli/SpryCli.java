package io.spry.cli;

import io.spry.api.JobExecutionException;
import io.spry.cli.control.ControlException;
import io.spry.examples.Example;
import io.spry.examples.Examples;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code spry} command.
 *
 * <p>Exit codes: 0 success, 1 the job (or its {@code main}) failed, 2 the command line was wrong.
 */
@Command(
    name = "spry",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Runs Spry stream processing jobs in this JVM.",
    subcommands = {
      ExamplesCommand.class,
      RunCommand.class,
      ListCommand.class,
      SavepointCommand.class,
      StopCommand.class,
      CancelCommand.class,
      CheckpointsCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  spry examples",
      "  spry run wordcount --input README.md --parallelism 2",
      "  spry run --jar my-job.jar --class com.example.Main -- arg1 arg2",
      "  spry run rolling-aggregate --checkpoint-interval 10s --checkpoint-dir ckpt",
      "  spry list",
      "  spry stop 3f2a9c1d --savepoint",
      "  spry run rolling-aggregate --from ckpt/savepoint-3f2a9c1d-12",
      "  spry bench nexmark --compare --query all --events 2000000",
      "",
      "Exit codes: 0 success, 1 job failure, 2 usage error."
    })
public final class SpryCli implements Callable<Integer> {
  public static final int EXIT_OK = 0;
  public static final int EXIT_JOB_FAILED = 1;
  public static final int EXIT_USAGE = 2;

  @Spec CommandSpec spec;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    err.println("Error: missing command");
    spec.commandLine().usage(err);
    err.flush();
    return EXIT_USAGE;
  }

  public static void main(String[] args) {
    System.exit(execute(System.out, System.err, args));
  }

  /** Runs the command line, writing its messages to {@code out} and {@code err}. */
  public static int execute(PrintStream out, PrintStream err, String... args) {
    Verbosity.reset();
    return commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
  }

  /** The command line, with error handling that matches the exit codes above. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new SpryCli());
    CommandLine run = cl.getSubcommands().get("run");
    for (Example example : Examples.all()) {
      run.addSubcommand(ExampleCommand.create(example, run.getCommand()));
    }
    // after adding the subcommands: these settings apply to the commands present
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(SpryCli::onUsageError);
    cl.setExecutionExceptionHandler((e, cmd, parseResult) -> onFailure(e, cmd.getErr()));
    return cl;
  }

  private static int onUsageError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("Error: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    if (Verbosity.isVerbose() && e.getCause() != null) {
      e.getCause().printStackTrace(err);
    }
    err.flush();
    return EXIT_USAGE;
  }

  /** A failure while running: the job's message, a stack trace only when verbose. */
  static int onFailure(Throwable e, PrintWriter err) {
    if (e instanceof ControlException c) {
      err.println("Error: " + c.getMessage());
      if (Verbosity.isVerbose()) {
        e.printStackTrace(err);
      }
      err.flush();
      return c.exitCode();
    }
    JobExecutionException jobFailure = find(e, JobExecutionException.class);
    if (jobFailure != null) {
      err.println("Error: " + jobFailure.getMessage());
    } else if (e instanceof JobMainException) {
      err.println(e.getMessage());
    } else {
      err.println("Error: " + e);
    }
    if (Verbosity.isVerbose()) {
      e.printStackTrace(err);
    } else {
      err.println("(Run with --verbose for the stack trace.)");
    }
    err.flush();
    return EXIT_JOB_FAILED;
  }

  /** The first {@code type} in the cause chain of {@code e}, or null. */
  static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
