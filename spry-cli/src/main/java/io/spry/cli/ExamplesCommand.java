package io.spry.cli;

import io.spry.examples.Example;
import io.spry.examples.Examples;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code spry examples}: the examples, one a line, name first. */
@Command(
    name = "examples",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Lists the example jobs: name, then what it does. Run one with 'spry run <name>'.")
final class ExamplesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() {
    int width = Examples.all().stream().mapToInt(e -> e.name().length()).max().orElse(0);
    for (Example e : Examples.all()) {
      spec.commandLine().getOut().printf("%-" + width + "s  %s%n", e.name(), e.description());
    }
    spec.commandLine().getOut().flush();
    return SpryCli.EXIT_OK;
  }
}
