package io.spry.api.connector.file;

import java.io.Serializable;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of a {@link FileSink}'s part files: finished {@code <prefix>-<subtask>-<n><suffix>}; in
 * progress and pending (hidden, so readers skip them) {@code
 * .<prefix>-<subtask>-<n><suffix>.inprogress.<uuid>}. {@code subtask} is the subtask that opened
 * the file and {@code n} that subtask's part counter.
 */
final class PartFileNames implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final String IN_PROGRESS = ".inprogress.";

  private final String prefix;
  private final String suffix;
  private transient Pattern inProgress;

  PartFileNames(String prefix, String suffix) {
    this.prefix = check(prefix, "prefix");
    this.suffix = check(suffix, "suffix");
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException("The part file prefix must not be empty");
    }
    if (prefix.startsWith(".") || prefix.startsWith("_")) {
      throw new IllegalArgumentException(
          "The part file prefix '"
              + prefix
              + "' starts with '.' or '_', which would hide finished files from readers;"
              + " choose one that does not");
    }
  }

  private static String check(String part, String what) {
    if (part == null) {
      throw new NullPointerException("part file " + what);
    }
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '/' || c == '\\' || c == 0 || Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            "The part file "
                + what
                + " '"
                + part
                + "' holds a path separator or control character; file names only, please");
      }
    }
    return part;
  }

  String prefix() {
    return prefix;
  }

  String suffix() {
    return suffix;
  }

  String finished(int subtask, long counter) {
    return prefix + '-' + subtask + '-' + counter + suffix;
  }

  String inProgress(int subtask, long counter, UUID id) {
    return '.' + finished(subtask, counter) + IN_PROGRESS + id;
  }

  /** The subtask and counter of an in-progress file's name, or null if it is not one. */
  long[] parseInProgress(String name) {
    if (!name.startsWith(".") || !name.contains(IN_PROGRESS)) {
      return null;
    }
    Pattern p = inProgress;
    if (p == null) {
      p =
          Pattern.compile(
              "\\."
                  + Pattern.quote(prefix)
                  + "-(\\d{1,9})-(\\d{1,18})"
                  + Pattern.quote(suffix)
                  + Pattern.quote(IN_PROGRESS)
                  + "[0-9a-f-]{36}");
      inProgress = p;
    }
    Matcher m = p.matcher(name);
    if (!m.matches()) {
      return null;
    }
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
  }

  @Override
  public String toString() {
    return prefix + "-<subtask>-<n>" + suffix;
  }
}
