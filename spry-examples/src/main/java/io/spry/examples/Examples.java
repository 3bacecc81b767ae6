package io.spry.examples;

import io.spry.api.JobExecutionException;
import io.spry.api.JobHandle;
import io.spry.api.JobResult;
import io.spry.api.StreamEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** The examples, and how to run one. */
public final class Examples {
  private static final List<Example> ALL =
      List.of(new WordCount(), new SocketWordCount(), new RollingAggregate(), new HotItems());

  private Examples() {}

  /** Every example, in the order {@code spry examples} lists them. */
  public static List<Example> all() {
    return ALL;
  }

  /** The example with this name. */
  public static Optional<Example> find(String name) {
    return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** The names of all examples, comma separated, for error messages. */
  public static String names() {
    return ALL.stream().map(Example::name).collect(Collectors.joining(", "));
  }

  /**
   * The environment an example runs in: the {@code --parallelism} given, else the default (the
   * system property {@code spry.parallelism}, else one subtask per core).
   */
  public static StreamEnvironment environment(ExampleArgs args) {
    StreamEnvironment env = StreamEnvironment.create();
    args.parallelism().ifPresent(env::setParallelism);
    return env;
  }

  /**
   * Builds the example's job, prints its results to standard output and waits for the job to end.
   * If the JVM is stopped meanwhile (Ctrl-C), the job is cancelled first.
   *
   * @throws ExampleUsageException when an option's value is not usable; nothing ran then
   * @throws JobExecutionException when the job failed
   */
  public static JobResult run(Example example, ExampleArgs args) {
    StreamEnvironment env = environment(args);
    example.print(example.build(env, args));
    JobHandle handle = env.executeAsync(example.name());
    Thread cancelOnExit =
        new Thread(
            () -> {
              handle.cancel();
              try {
                handle.await(Duration.ofSeconds(5));
              } catch (TimeoutException | RuntimeException e) {
                // shutting down anyway
              }
            },
            "spry-cancel-" + example.name());
    Runtime.getRuntime().addShutdownHook(cancelOnExit);
    try {
      return handle.await();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(cancelOnExit);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs
      }
    }
  }

  /** What an example's {@code main} does: parse the arguments, run, exit 1 or 2 on errors. */
  static void main(Example example, String[] args) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(usage(example));
      return;
    }
    try {
      ExampleArgs parsed = ExampleArgs.parse(example.options(), args);
      example.run(parsed);
    } catch (ExampleUsageException e) {
      System.err.println(example.name() + ": " + e.getMessage());
      System.err.println(usage(example));
      System.exit(2);
    } catch (JobExecutionException e) {
      System.err.println(example.name() + " failed: " + e.getMessage());
      System.exit(1);
    }
  }

  /** A few lines on the options of an example. */
  public static String usage(Example example) {
    StringBuilder sb = new StringBuilder();
    sb.append("Usage: ").append(example.name()).append(" [--parallelism <n>]");
    for (ExampleOption o : example.options()) {
      sb.append(" [").append(o.flag()).append(' ').append(o.label()).append(']');
    }
    sb.append(System.lineSeparator()).append(example.description());
    for (ExampleOption o : example.options()) {
      sb.append(System.lineSeparator())
          .append("  ")
          .append(o.flag())
          .append(' ')
          .append(o.label())
          .append("  ")
          .append(o.description());
      if (o.defaultValue() != null) {
        sb.append(" (default: ").append(o.defaultValue()).append(')');
      }
    }
    return sb.toString();
  }
}
