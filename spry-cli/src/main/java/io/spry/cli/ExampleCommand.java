package io.spry.cli;

import io.spry.api.JobResult;
import io.spry.cli.control.JobControl;
import io.spry.examples.Example;
import io.spry.examples.ExampleArgs;
import io.spry.examples.ExampleOption;
import io.spry.examples.ExampleUsageException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** {@code spry run <example>}: a subcommand made from an {@link Example}'s options. */
final class ExampleCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ExampleCommand.class);

  private final Example example;
  private final RunCommand run;
  private final JobOptions jobOptions = new JobOptions();
  private CommandSpec spec;

  private ExampleCommand(Example example, RunCommand run) {
    this.example = example;
    this.run = run;
  }

  /** The subcommand for {@code example}; {@code run} holds options given before its name. */
  static CommandLine create(Example example, RunCommand run) {
    ExampleCommand command = new ExampleCommand(example, run);
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
    spec.name(example.name());
    spec.mixinStandardHelpOptions(true);
    spec.versionProvider(new VersionProvider());
    spec.usageMessage().description(example.description());
    spec.addMixin("verbosity", CommandSpec.forAnnotatedObject(new Verbosity()));
    spec.addMixin("job", CommandSpec.forAnnotatedObject(command.jobOptions));
    spec.addOption(
        OptionSpec.builder("-p", "--parallelism")
            .paramLabel("<n>")
            .type(Integer.class)
            .description("Default parallelism of the job's operators (default: number of cores).")
            .build());
    for (ExampleOption o : example.options()) {
      String description = o.description();
      if (o.defaultValue() != null) {
        description += " (default: " + o.defaultValue() + ")";
      }
      spec.addOption(
          OptionSpec.builder(o.flag())
              .paramLabel(o.label())
              .type(String.class)
              .description(description)
              .build());
    }
    command.spec = spec;
    return new CommandLine(spec);
  }

  @Override
  public Integer call() {
    Map<String, String> values = new LinkedHashMap<>();
    for (ExampleOption o : example.options()) {
      values.put(o.name(), spec.findOption(o.flag()).getValue());
    }
    Integer parallelism = spec.findOption("--parallelism").getValue();
    if (parallelism == null) {
      parallelism = run.parallelism;
    }
    RunCommand.checkParallelism(spec, parallelism);
    if (parallelism != null) {
      values.put(ExampleArgs.PARALLELISM, parallelism.toString());
    }
    ExampleArgs args = ExampleArgs.of(values);
    Map<String, String> properties = jobOptions.orElse(run.jobOptions).properties(spec);
    LOG.info("Running example {} with {} and {}", example.name(), args, properties);
    try (ScopedProperties scoped = ScopedProperties.set(properties);
        JobControl control = JobControl.start(spec.commandLine().getErr())) {
      JobResult result = example.run(args);
      LOG.info(
          "Job {} ({}) {} in {} ms",
          result.jobName(),
          result.jobId(),
          result.status(),
          result.duration().toMillis());
      return SpryCli.EXIT_OK;
    } catch (ExampleUsageException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
