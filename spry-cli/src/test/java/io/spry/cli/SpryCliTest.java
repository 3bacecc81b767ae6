package io.spry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpryCliTest {
  private static final Pattern UPDATE = Pattern.compile("^(?:\\d+> )?\\((.+),(\\d+)\\)$");

  @Test
  void listsTheExamplesOnePerLineNameFirst() {
    CliRun r = CliRun.of("examples");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("wordcount ").contains("Counts the words");
    assertThat(lines.get(1)).startsWith("socket-wordcount ");
    assertThat(lines.get(2)).startsWith("rolling-aggregate ");
    assertThat(lines.get(3)).startsWith("hot-items ");
  }

  @Test
  void anUnknownExampleIsAUsageErrorNamingTheKnownOnes() {
    CliRun r = CliRun.of("run", "wordcont");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("Unknown example 'wordcont'")
        .contains("wordcount, socket-wordcount, rolling-aggregate, hot-items")
        .contains("spry run --help");
  }

  @Test
  void runWithoutAnythingToRunIsAUsageError() {
    CliRun r = CliRun.of("run");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Name an example to run").contains("--jar");
  }

  @Test
  void noCommandPrintsTheUsageAsAnError() {
    CliRun r = CliRun.of();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("missing command").contains("Usage: spry");
  }

  @Test
  void anUnknownOptionOfAnExampleSuggestsTheRightOne() {
    CliRun r = CliRun.of("run", "wordcount", "--inptu", "x.txt");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--inptu").contains("--input");
  }

  @Test
  void helpAndVersionWorkOnEveryCommand() {
    CliRun top = CliRun.of("--help");
    assertThat(top.exitCode()).isZero();
    assertThat(top.out()).contains("Usage: spry", "examples", "run", "Exit codes");

    CliRun run = CliRun.of("run", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--jar", "--class", "wordcount", "rolling-aggregate");

    CliRun example = CliRun.of("run", "wordcount", "--help");
    assertThat(example.exitCode()).isZero();
    assertThat(example.out()).contains("spry run wordcount", "--input=<path>", "--parallelism");

    CliRun helpCommand = CliRun.of("help", "examples");
    assertThat(helpCommand.exitCode()).isZero();
    assertThat(helpCommand.out()).contains("Usage: spry examples");

    for (String[] args :
        List.of(
            new String[] {"--version"},
            new String[] {"examples", "--version"},
            new String[] {"run", "-V"},
            new String[] {"run", "rolling-aggregate", "--version"})) {
      CliRun v = CliRun.of(args);
      assertThat(v.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(v.out()).startsWith("spry 0.").contains("Java ");
    }
  }

  @Test
  void runsWordCountOnAFileAndPrintsTheCounts(@TempDir Path dir) throws Exception {
    List<String> lines =
        List.of(
            "The cat sat on the mat.",
            "THE DOG sat on the log; the cat saw the dog",
            "",
            "42 cats, 42 dogs");
    Path file = dir.resolve("words.txt");
    Files.write(file, lines);

    CliRun r = CliRun.of("run", "wordcount", "--input", file.toString(), "--parallelism", "2");

    assertThat(r.exitCode()).as(r.err()).isZero();
    // standard error says only which job started; the output is the job's alone
    assertThat(r.err()).matches("Job 'wordcount' started: id [0-9a-f]{32}\\R");
    Map<String, Integer> last = new HashMap<>();
    for (String line : r.out().lines().toList()) {
      Matcher m = UPDATE.matcher(line);
      assertThat(m.matches()).as("output line '%s'", line).isTrue();
      last.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    // counted by hand
    assertThat(last)
        .isEqualTo(
            Map.ofEntries(
                Map.entry("the", 6),
                Map.entry("cat", 2),
                Map.entry("sat", 2),
                Map.entry("on", 2),
                Map.entry("mat", 1),
                Map.entry("dog", 2),
                Map.entry("log", 1),
                Map.entry("saw", 1),
                Map.entry("42", 2),
                Map.entry("cats", 1),
                Map.entry("dogs", 1)));
    assertThat(r.out().lines()).hasSize(21);
  }

  @Test
  void parallelismBeforeTheExampleNameCounts() {
    CliRun r = CliRun.of("run", "-p", "3", "rolling-aggregate", "--events", "30", "--sensors", "3");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // three subtasks print with a subtask prefix 1> .. 3>; each sensor ends at 10 readings
    assertThat(r.out().lines().toList())
        .hasSize(3)
        .allMatch(l -> l.matches("[1-3]> sensor-[0-2] count=10 .*"));
  }

  @Test
  void hotItemsPrintsItsWindowsInOrderWithoutPrefixesThenASummary() {
    CliRun r =
        CliRun.of("run", "-p", "3", "hot-items", "--events", "8000", "--rate", "0", "--top", "2");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    // clicks from 12:00:00 to 12:00:06: windows starting 11:59:52 to 12:00:04, one printer
    assertThat(lines.subList(0, 7))
        .allMatch(
            l ->
                l.matches(
                    "\\[\\d\\d:\\d\\d:\\d\\d, .*\\) top items: item-\\d+=\\d+, item-\\d+=\\d+"));
    assertThat(lines.get(0)).startsWith("[11:59:52, 12:00:02) top items: ");
    assertThat(lines.get(6)).startsWith("[12:00:04, 12:00:14) top items: ");
    assertThat(lines.get(lines.size() - 1))
        .startsWith("done: 8000 clicks, 7 windows, ")
        .contains("late events (sent to side output, not counted)");
  }

  @Test
  void badOptionValuesAreUsageErrors(@TempDir Path dir) {
    CliRun missing = CliRun.of("run", "wordcount", "--input", dir.resolve("nope").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file or directory").contains("nope");

    CliRun p0 = CliRun.of("run", "wordcount", "-p", "0");
    assertThat(p0.exitCode()).isEqualTo(2);
    assertThat(p0.err()).contains("--parallelism must be at least 1");

    CliRun notANumber = CliRun.of("run", "rolling-aggregate", "--events", "many");
    assertThat(notANumber.exitCode()).isEqualTo(2);
    assertThat(notANumber.err()).contains("--events must be an integer");
  }
}
