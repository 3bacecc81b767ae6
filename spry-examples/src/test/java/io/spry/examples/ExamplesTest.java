package io.spry.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExamplesTest {

  @Test
  void listsTheExamplesByUniqueName() {
    assertThat(Examples.all())
        .extracting(Example::name)
        .containsExactly("wordcount", "socket-wordcount", "rolling-aggregate", "hot-items")
        .doesNotHaveDuplicates();
    assertThat(Examples.find("wordcount")).containsInstanceOf(WordCount.class);
    assertThat(Examples.find("nope")).isEmpty();
    for (Example e : Examples.all()) {
      assertThat(e.description()).isNotBlank().doesNotContain("\n");
      assertThat(e.options()).extracting(ExampleOption::name).doesNotContain("parallelism");
    }
  }

  @Test
  void parsesOptionsAsMainReceivesThem() {
    List<ExampleOption> options = new RollingAggregate().options();
    ExampleArgs args =
        ExampleArgs.parse(options, "--events", "10", "--rate=2.5", "--parallelism", "3");
    assertThat(args.getLong("events", 0)).isEqualTo(10);
    assertThat(args.getDouble("rate", 0)).isEqualTo(2.5);
    assertThat(args.parallelism()).hasValue(3);
    assertThat(args.getInt("sensors", 7)).isEqualTo(7);
  }

  @Test
  void rejectsUnknownOptionsAndMissingValues() {
    List<ExampleOption> options = new WordCount().options();
    assertThatThrownBy(() -> ExampleArgs.parse(options, "--inptu", "x"))
        .isInstanceOf(ExampleUsageException.class)
        .hasMessageContaining("Unknown option --inptu")
        .hasMessageContaining("--input");
    assertThatThrownBy(() -> ExampleArgs.parse(options, "--input"))
        .hasMessageContaining("--input needs a value");
    assertThatThrownBy(() -> ExampleArgs.parse(options, "file.txt"))
        .hasMessageContaining("'file.txt'");
    assertThatThrownBy(() -> ExampleArgs.parse(options, "--parallelism", "0").parallelism())
        .hasMessageContaining("at least 1");
  }

  @Test
  void usageNamesEveryOptionWithItsDefault() {
    String usage = Examples.usage(new RollingAggregate());
    assertThat(usage).contains("--events <n>", "(default: 100000)", "--parallelism");
  }
}
