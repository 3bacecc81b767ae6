package io.spry.api.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class MemoryDataViewTest {

  private static void writeAll(
      java.io.DataOutput out, long l, int i, short s, double d, float f, boolean b, String utf)
      throws IOException {
    out.writeLong(l);
    out.writeInt(i);
    out.writeShort(s);
    out.writeChar(s);
    out.writeDouble(d);
    out.writeFloat(f);
    out.writeBoolean(b);
    out.writeByte(i);
    out.write(new byte[] {1, 2, 3}, 1, 2);
    out.writeUTF(utf);
    out.writeBytes(utf);
    out.writeChars(utf);
  }

  @Property
  void writesTheSameBytesAsDataOutputStream(
      @ForAll long l,
      @ForAll int i,
      @ForAll short s,
      @ForAll double d,
      @ForAll float f,
      @ForAll boolean b,
      @ForAll String utf)
      throws IOException {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    DataOutputStream dos = new DataOutputStream(expected);
    writeAll(dos, l, i, s, d, f, b, utf);
    dos.flush();

    MemoryDataOutput out = new MemoryDataOutput(1);
    writeAll(out, l, i, s, d, f, b, utf);

    assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(out.position()).isEqualTo(expected.size());
  }

  @Property
  void readsWhatItWrote(
      @ForAll long l, @ForAll int i, @ForAll short s, @ForAll double d, @ForAll String utf)
      throws IOException {
    MemoryDataOutput out = new MemoryDataOutput(0);
    out.writeLong(l);
    out.writeInt(i);
    out.writeShort(s);
    out.writeDouble(d);
    out.writeUTF(utf);
    out.writeByte(0xF0);
    out.writeShort(0xFFFE);

    byte[] padded = new byte[out.position() + 6];
    System.arraycopy(out.buffer(), 0, padded, 3, out.position());
    MemoryDataInput in = new MemoryDataInput(padded, 3, out.position());
    assertThat(in.readLong()).isEqualTo(l);
    assertThat(in.readInt()).isEqualTo(i);
    assertThat(in.readShort()).isEqualTo(s);
    assertThat(Double.doubleToRawLongBits(in.readDouble()))
        .isEqualTo(Double.doubleToRawLongBits(d));
    assertThat(in.readUTF()).isEqualTo(utf);
    assertThat(in.readUnsignedByte()).isEqualTo(0xF0);
    assertThat(in.readUnsignedShort()).isEqualTo(0xFFFE);
    assertThat(in.available()).isZero();
  }

  @Test
  void readingPastTheEndIsEof() throws IOException {
    MemoryDataInput in = new MemoryDataInput(new byte[] {0, 0, 0, 1, 9, 9}, 0, 5);
    assertThat(in.readInt()).isEqualTo(1);
    assertThatThrownBy(in::readInt).isInstanceOf(EOFException.class);
    assertThat(in.readByte()).isEqualTo((byte) 9);
    assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);
    assertThat(in.skipBytes(3)).isZero();
  }

  @Test
  void resetKeepsTheBufferAndStartsOver() {
    MemoryDataOutput out = new MemoryDataOutput(2);
    for (int i = 0; i < 100; i++) {
      out.writeLong(i);
    }
    byte[] grown = out.buffer();
    out.reset();
    out.writeInt(7);
    assertThat(out.buffer()).isSameAs(grown);
    assertThat(out.toByteArray()).containsExactly(0, 0, 0, 7);
  }

  @Test
  void writeUtfRejectsStringsOver65535Bytes() {
    MemoryDataOutput out = new MemoryDataOutput();
    assertThatThrownBy(() -> out.writeUTF("é".repeat(40_000)))
        .isInstanceOf(UTFDataFormatException.class);
    assertThat(out.position()).isZero();
  }

  @Test
  void setBufferRewrapsAndReadLineSplitsLines() throws IOException {
    MemoryDataInput in = new MemoryDataInput();
    in.setBuffer("a\r\nb\nc".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, 6);
    assertThat(in.readLine()).isEqualTo("a");
    assertThat(in.readLine()).isEqualTo("b");
    assertThat(in.readLine()).isEqualTo("c");
    assertThat(in.readLine()).isNull();
  }

  @Property
  void varIntsRoundTripAndAreShortForSmallValues(@ForAll int anyInt, @ForAll long anyLong)
      throws IOException {
    int v = anyInt & Integer.MAX_VALUE;
    MemoryDataOutput out = new MemoryDataOutput();
    VarInts.writeVarInt(out, v);
    int expectedLength =
        v < (1 << 7) ? 1 : v < (1 << 14) ? 2 : v < (1 << 21) ? 3 : v < (1 << 28) ? 4 : 5;
    assertThat(out.position()).isEqualTo(expectedLength);
    VarInts.writeVarLong(out, anyLong);
    MemoryDataInput in = new MemoryDataInput(out.toByteArray());
    assertThat(VarInts.readVarInt(in)).isEqualTo(v);
    assertThat(VarInts.readVarLong(in)).isEqualTo(anyLong);
    assertThat(in.available()).isZero();
  }

  @Test
  void varIntRejectsNegativeValues() {
    assertThatThrownBy(() -> VarInts.writeVarInt(new MemoryDataOutput(), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
