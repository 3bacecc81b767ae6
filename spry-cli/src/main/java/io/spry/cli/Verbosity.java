package io.spry.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The {@code --verbose} option, mixed into every command so it may be given anywhere. Verbose runs
 * log at INFO (quiet ones only WARN and above, see logback.xml) and print stack traces of failures.
 */
public final class Verbosity {
  private static volatile boolean verbose;

  /** Picocli sets every option to its default before parsing a command: only ever switch it on. */
  @Option(
      names = {"-v", "--verbose"},
      description = "Log at INFO level and show stack traces of failures.")
  void setVerbose(boolean on) {
    if (on) {
      enable();
    }
  }

  static boolean isVerbose() {
    return verbose;
  }

  static void enable() {
    verbose = true;
    setRootLevel(Level.INFO);
  }

  /** Back to quiet: at the start of each command line. */
  static void reset() {
    verbose = false;
    setRootLevel(Level.WARN);
  }

  private static void setRootLevel(Level level) {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(level);
    }
  }
}
