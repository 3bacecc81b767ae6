package io.spry.api.connector.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The part file's UTF-8 output against the JDK's encoder. */
class PartFileOutputTest {
  @TempDir Path dir;

  @Test
  void encodesLikeTheJdkAndCountsExactly() throws Exception {
    Random random = new Random(11);
    StringBuilder all = new StringBuilder();
    long expectedSize = 0;
    Path file = dir.resolve("f");
    PartFileOutput out = new PartFileOutput(file);
    for (int i = 0; i < 20_000; i++) {
      char[] chars = new char[random.nextInt(30)];
      for (int k = 0; k < chars.length; k++) {
        int kind = random.nextInt(10);
        chars[k] =
            kind < 6
                ? (char) random.nextInt(0x80)
                : kind < 8 ? (char) random.nextInt(0x800) : (char) random.nextInt(0x10000);
      }
      String s = new String(chars);
      switch (i % 3) {
        case 0 -> out.write(s);
        case 1 -> out.write(chars, 0, chars.length);
        default -> {
          for (char c : chars) {
            out.write(c);
          }
        }
      }
      out.write('\n'); // ends any dangling high surrogate, as in the sink
      all.append(s).append('\n');
      expectedSize += (s + '\n').getBytes(UTF_8).length;
      assertThat(out.size()).isEqualTo(expectedSize);
    }
    out.closeDurably();
    assertThat(Files.readAllBytes(file)).isEqualTo(all.toString().getBytes(UTF_8));
  }

  @Test
  void truncatesWithinTheBufferAndInTheFile() throws Exception {
    Path file = dir.resolve("f");
    PartFileOutput out = new PartFileOutput(file);
    out.write("keep\n");
    long mark = out.size();
    out.write("drop");
    out.truncate(mark);
    out.write("x".repeat(100_000)); // drains the buffer to the file
    out.truncate(mark);
    out.write("kept too\n");
    out.closeDurably();
    assertThat(Files.readString(file)).isEqualTo("keep\nkept too\n");
  }
}
