package io.spry.api.types;

import io.spry.api.annotation.Internal;
import java.io.IOException;

/**
 * The serializers of the primitive arrays: the length as a varint, then the elements at fixed
 * width, big-endian. They reject a null array (an array field may be null: its enclosing serializer
 * marks it). {@code copy} clones.
 */
@Internal
public final class PrimitiveArraySerializers {
  private PrimitiveArraySerializers() {}

  static int readLength(DataInputView in) throws IOException {
    return VarInts.readVarInt(in);
  }

  /** byte[]: the length, then the bytes as they are. */
  public static final class BytesSerializer implements TypeSerializer<byte[]> {
    @Override
    public void serialize(byte[] value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue("byte[]");
      }
      VarInts.writeVarInt(out, value.length);
      out.write(value);
    }

    @Override
    public byte[] deserialize(DataInputView in) throws IOException {
      byte[] a = new byte[readLength(in)];
      in.readFully(a);
      return a;
    }

    @Override
    public byte[] copy(byte[] value) {
      return value == null ? null : value.clone();
    }
  }

  public static final class BooleansSerializer implements TypeSerializer<boolean[]> {
    @Override
    public void serialize(boolean[] value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue("boolean[]");
      }
      VarInts.writeVarInt(out, value.length);
      for (boolean v : value) {
        out.writeBoolean(v);
      }
    }

    @Override
    public boolean[] deserialize(DataInputView in) throws IOException {
      boolean[] a = new boolean[readLength(in)];
      for (int i = 0; i < a.length; i++) {
        a[i] = in.readBoolean();
      }
      return a;
    }

    @Override
    public boolean[] copy(boolean[] value) {
      return value == null ? null : value.clone();
    }
  }

  public static final class ShortsSerializer implements TypeSerializer<short[]> {
    @Override
    public void serialize(short[] value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue("short[]");
      }
      VarInts.writeVarInt(out, value.length);
      for (short v : value) {
        out.writeShort(v);
      }
    }

    @Override
    public short[] deserialize(DataInputView in) throws IOException {
      short[] a = new short[readLength(in)];
      for (int i = 0; i < a.length; i++) {
        a[i] = in.readShort();
      }
      return a;
    }

    @Override
    public short[] copy(short[] value) {
      return value == null ? null : value.clone();
    }
  }

  public static final class IntsSerializer implements TypeSerializer<int[]> {
    @Override
    public void serialize(int[] value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue("int[]");
      }
      VarInts.writeVarInt(out, value.length);
      for (int v : value) {
        out.writeInt(v);
      }
    }

    @Override
    public int[] deserialize(DataInputView in) throws IOException {
      int[] a = new int[readLength(in)];
      for (int i = 0; i < a.length; i++) {
        a[i] = in.readInt();
      }
      return a;
    }

    @Override
    public int[] copy(int[] value) {
      return value == null ? null : value.clone();
    }
  }

  public static final class LongsSerializer implements TypeSerializer<long[]> {
    @Override
    public void serialize(long[] value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue("long[]");
      }
      VarInts.writeVarInt(out, value.length);
      for (long v : value) {
        out.writeLong(v);
      }
    }

    @Override
    public long[] deserialize(DataInputView in) throws IOException {
      long[] a = new long[readLength(in)];
      for (int i = 0; i < a.length; i++) {
        a[i] = in.readLong();
      }
      return a;
    }

    @Override
    public long[] copy(long[] value) {
      return value == null ? null : value.clone();
    }
  }

  public static final class FloatsSerializer implements TypeSerializer<float[]> {
    @Override
    public void serialize(float[] value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue("float[]");
      }
      VarInts.writeVarInt(out, value.length);
      for (float v : value) {
        out.writeFloat(v);
      }
    }

    @Override
    public float[] deserialize(DataInputView in) throws IOException {
      float[] a = new float[readLength(in)];
      for (int i = 0; i < a.length; i++) {
        a[i] = in.readFloat();
      }
      return a;
    }

    @Override
    public float[] copy(float[] value) {
      return value == null ? null : value.clone();
    }
  }

  public static final class DoublesSerializer implements TypeSerializer<double[]> {
    @Override
    public void serialize(double[] value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue("double[]");
      }
      VarInts.writeVarInt(out, value.length);
      for (double v : value) {
        out.writeDouble(v);
      }
    }

    @Override
    public double[] deserialize(DataInputView in) throws IOException {
      double[] a = new double[readLength(in)];
      for (int i = 0; i < a.length; i++) {
        a[i] = in.readDouble();
      }
      return a;
    }

    @Override
    public double[] copy(double[] value) {
      return value == null ? null : value.clone();
    }
  }

  public static final class CharsSerializer implements TypeSerializer<char[]> {
    @Override
    public void serialize(char[] value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue("char[]");
      }
      VarInts.writeVarInt(out, value.length);
      for (char v : value) {
        out.writeChar(v);
      }
    }

    @Override
    public char[] deserialize(DataInputView in) throws IOException {
      char[] a = new char[readLength(in)];
      for (int i = 0; i < a.length; i++) {
        a[i] = in.readChar();
      }
      return a;
    }

    @Override
    public char[] copy(char[] value) {
      return value == null ? null : value.clone();
    }
  }
}
