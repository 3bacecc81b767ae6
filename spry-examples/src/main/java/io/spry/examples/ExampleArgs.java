package io.spry.examples;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** The option values an {@link Example} runs with, by option name (without dashes). */
public final class ExampleArgs {
  /** The option every example takes. */
  public static final String PARALLELISM = "parallelism";

  private final Map<String, String> values;

  private ExampleArgs(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** No options: every example runs with its defaults. */
  public static ExampleArgs empty() {
    return new ExampleArgs(Map.of());
  }

  /** The given values; a null value counts as not given. */
  public static ExampleArgs of(Map<String, String> values) {
    Map<String, String> copy = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (v != null) {
            copy.put(k, v);
          }
        });
    return new ExampleArgs(copy);
  }

  /** These values and one more. */
  public ExampleArgs with(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(name, value);
    return new ExampleArgs(copy);
  }

  /**
   * Parses {@code --name value} and {@code --name=value} pairs, as an example's {@code main}
   * receives them.
   *
   * @throws ExampleUsageException on an option the example does not take, or one without a value
   */
  public static ExampleArgs parse(List<ExampleOption> options, String... args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new ExampleUsageException("Expected an option like --name value, got '" + arg + "'");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new ExampleUsageException("Option --" + name + " needs a value");
      }
      String known = name;
      if (!name.equals(PARALLELISM) && options.stream().noneMatch(o -> o.name().equals(known))) {
        StringBuilder msg = new StringBuilder("Unknown option --" + name + ". Options:");
        msg.append(" --").append(PARALLELISM);
        options.forEach(o -> msg.append(' ').append(o.flag()));
        throw new ExampleUsageException(msg.toString());
      }
      values.put(name, value);
    }
    return new ExampleArgs(values);
  }

  /** The value given, or null. */
  public String get(String name) {
    return values.get(name);
  }

  /** The value given, or {@code fallback}. */
  public String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public int getInt(String name, int fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ExampleUsageException("--" + name + " must be an integer, was '" + v + "'");
    }
  }

  public long getLong(String name, long fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new ExampleUsageException("--" + name + " must be an integer, was '" + v + "'");
    }
  }

  public double getDouble(String name, double fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new ExampleUsageException("--" + name + " must be a number, was '" + v + "'");
    }
  }

  /** The {@code --parallelism} given, if any; it must be at least 1. */
  public OptionalInt parallelism() {
    if (!values.containsKey(PARALLELISM)) {
      return OptionalInt.empty();
    }
    int p = getInt(PARALLELISM, 1);
    if (p < 1) {
      throw new ExampleUsageException("--parallelism must be at least 1, was " + p);
    }
    return OptionalInt.of(p);
  }

  /** The values given, by name. */
  public Map<String, String> asMap() {
    return values;
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
