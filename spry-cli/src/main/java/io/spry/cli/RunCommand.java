package io.spry.cli;

import io.spry.api.JobConfig;
import io.spry.examples.Examples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spry run}: an example by name (each example is a subcommand, added by {@link
 * ExampleCommand}), or the {@code main} of a job's jar.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs an example job, or the main method of a job in a jar, embedded in this JVM.",
      "The job's output (e.g. print()) goes to standard output. When a job starts, its id goes to"
          + " standard error; while it runs, 'spry list', 'spry savepoint', 'spry stop', 'spry"
          + " cancel' and 'spry checkpoints' control it from other terminals."
    },
    customSynopsis = {
      "spry run <example> [-p <n>] [<job options>] [<example options>...]",
      "       spry run --jar <job.jar> [--class <main class>] [-p <n>] [<job options>]",
      "                [-- <args>...]",
      "Job options: [--checkpoint-interval <duration>] [--checkpoint-dir <dir>]",
      "             [--restart <strategy>] [--from <path> [--allow-non-restored-state]]"
    },
    commandListHeading = "%nExamples ('spry run <example> --help' shows their options):%n",
    footer = {
      "",
      "  spry run wordcount --input README.md",
      "  spry run rolling-aggregate --events 1000000 -p 2",
      "  spry run rolling-aggregate --checkpoint-interval 10s --checkpoint-dir ckpt",
      "  spry run rolling-aggregate --from ckpt/savepoint-3f2a9c1d-7",
      "  spry run --jar target/my-job.jar --class com.example.Main -- --input data.txt"
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin Verbosity verbosity;

  @Mixin JobOptions jobOptions;

  @Option(
      names = {"-p", "--parallelism"},
      paramLabel = "<n>",
      description =
          "Default parallelism of the job's operators (default: the number of cores). With --jar,"
              + " jobs get it through StreamEnvironment.create().")
  Integer parallelism;

  @Option(names = "--jar", paramLabel = "<job.jar>", description = "Jar file of the job to run.")
  Path jar;

  @Option(
      names = "--class",
      paramLabel = "<main class>",
      description = "Class whose main method to call (default: the jar's Main-Class).")
  String mainClass;

  @Parameters(
      paramLabel = "<args>",
      description = "With --jar: the arguments of the job's main method, after '--'.")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    if (jar == null) {
      if (mainClass != null) {
        throw usage("--class needs --jar <job.jar>: the jar that holds the class");
      }
      if (args.isEmpty()) {
        throw usage("Name an example to run (" + Examples.names() + "), or give --jar <job.jar>");
      }
      throw usage(
          "Unknown example '"
              + args.get(0)
              + "'. Known examples: "
              + Examples.names()
              + " (see 'spry examples')");
    }
    checkParallelism(spec, parallelism);
    Map<String, String> properties = new LinkedHashMap<>();
    if (parallelism != null) {
      properties.put(JobConfig.PARALLELISM_PROPERTY, parallelism.toString());
    }
    properties.putAll(jobOptions.properties(spec));
    return JarRunner.run(spec, jar, mainClass, properties, args);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  static void checkParallelism(CommandSpec spec, Integer parallelism) {
    if (parallelism != null && parallelism < 1) {
      throw new ParameterException(
          spec.commandLine(), "--parallelism must be at least 1, was " + parallelism);
    }
  }
}
