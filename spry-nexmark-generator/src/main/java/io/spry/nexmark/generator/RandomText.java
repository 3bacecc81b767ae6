package io.spry.nexmark.generator;

import java.nio.charset.StandardCharsets;

/**
 * Random lower-case text, digits and padding. Text is a slice, at a random offset, of a fixed block
 * of random characters, so a string costs one random draw and a copy of its bytes, however long:
 * the {@code String} and its bytes are all it allocates.
 */
final class RandomText {
  /** 26 letters and 6 spaces: five bits per character, words of about five letters. */
  private static final byte[] ALPHABET =
      "abcdefghijklmnopqrstuvwxyz      ".getBytes(StandardCharsets.ISO_8859_1);

  /** The block text is cut from: 64 KiB of random characters, the same in every JVM. */
  private static final byte[] BLOCK = block(1 << 16);

  private final SplitMix random;
  private byte[] buffer = new byte[1024];
  private int length;

  RandomText(SplitMix random) {
    this.random = random;
  }

  /** Random text of {@code 1 .. maxLength} characters. */
  String upTo(int maxLength) {
    return exactly(1 + random.nextInt(maxLength));
  }

  /** Random text of exactly {@code n} characters ({@code ""} for 0). */
  String exactly(int n) {
    if (n <= 0) {
      return "";
    }
    if (n > BLOCK.length) {
      length = 0;
      appendText(n);
      return build();
    }
    return new String(BLOCK, random.nextInt(BLOCK.length - n + 1), n, StandardCharsets.ISO_8859_1);
  }

  /**
   * Padding for a record of {@code currentSize} bytes whose kind should average {@code
   * averageSize}: {@code averageSize - currentSize} characters on average, plus or minus 20%
   * uniformly; empty when the record is already that large.
   */
  String padding(int currentSize, int averageSize) {
    int missing = averageSize - currentSize;
    if (missing <= 0) {
      return "";
    }
    int delta = missing / 5;
    return exactly(missing - delta + random.nextInt(2 * delta + 1));
  }

  /** {@code 1..user}@{@code 1..domain}.com */
  String email(int user, int domain) {
    length = 0;
    appendText(1 + random.nextInt(user));
    append((byte) '@');
    appendText(1 + random.nextInt(domain));
    append((byte) '.');
    append((byte) 'c');
    append((byte) 'o');
    append((byte) 'm');
    return build();
  }

  /** Sixteen digits in four groups of four: {@code "1234 5678 9012 3456"}. */
  String creditCard() {
    length = 0;
    for (int group = 0; group < 4; group++) {
      if (group > 0) {
        append((byte) ' ');
      }
      int digits = random.nextInt(10_000);
      append((byte) ('0' + digits / 1000));
      append((byte) ('0' + digits / 100 % 10));
      append((byte) ('0' + digits / 10 % 10));
      append((byte) ('0' + digits % 10));
    }
    return build();
  }

  private void appendText(int n) {
    ensure(n);
    int i = 0;
    while (i < n) {
      int chunk = Math.min(n - i, BLOCK.length);
      System.arraycopy(BLOCK, random.nextInt(BLOCK.length - chunk + 1), buffer, length, chunk);
      length += chunk;
      i += chunk;
    }
  }

  private static byte[] block(int size) {
    SplitMix random = new SplitMix();
    random.seed(0x5445585444L);
    byte[] block = new byte[size];
    for (int i = 0; i < size; i++) {
      block[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return block;
  }

  private void append(byte b) {
    ensure(1);
    buffer[length++] = b;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }

  private String build() {
    return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
  }
}
