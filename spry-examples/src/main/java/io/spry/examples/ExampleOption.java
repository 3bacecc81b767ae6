package io.spry.examples;

import java.util.Objects;

/**
 * An option of an {@link Example}, given on the command line as {@code --name value}.
 *
 * @param name the option's name without dashes, e.g. {@code input}
 * @param label what the value is, e.g. {@code <path>}
 * @param description one line of help
 * @param defaultValue the value when the option is not given, or null for none
 */
public record ExampleOption(String name, String label, String description, String defaultValue) {

  public ExampleOption {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(description, "description");
    if (name.startsWith("-")) {
      throw new IllegalArgumentException("Give the option's name without dashes: " + name);
    }
  }

  /** The option as typed: {@code --name}. */
  public String flag() {
    return "--" + name;
  }
}
