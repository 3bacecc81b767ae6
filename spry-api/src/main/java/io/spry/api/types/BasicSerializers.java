package io.spry.api.types;

import io.spry.api.annotation.Internal;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The serializers of the {@link BasicTypeInfo basic types}. Fixed-width numbers are big-endian.
 * They reject null (except {@link VoidSerializer}): fields of tuples, records, POJOs and
 * collections may be null because their serializers write a null marker before the value.
 */
@Internal
public final class BasicSerializers {
  private BasicSerializers() {}

  static NullPointerException nullValue(String type) {
    return new NullPointerException(
        "The "
            + type
            + " serializer got null. A top-level record or key must not be null; fields of"
            + " tuples, records, POJOs and elements of collections may be.");
  }

  /** Base of the stateless serializers of immutable values: copy returns the value. */
  abstract static class Immutable<T> implements TypeSerializer<T> {
    @Override
    public final T copy(T value) {
      return value;
    }
  }

  public static final class BooleanSerializer extends Immutable<Boolean> {
    @Override
    public void serialize(Boolean value, DataOutputView out) throws IOException {
      if (value == null) {
        throw nullValue("Boolean");
      }
      out.writeBoolean(value);
    }

    @Override
    public Boolean deserialize(DataInputView in) throws IOException {
      return in.readBoolean();
    }
  }

  public static final class ByteSerializer extends Immutable<Byte> {
    @Override
    public void serialize(Byte value, DataOutputView out) throws IOException {
      if (value == null) {
        throw nullValue("Byte");
      }
      out.writeByte(value);
    }

    @Override
    public Byte deserialize(DataInputView in) throws IOException {
      return in.readByte();
    }
  }

  public static final class ShortSerializer extends Immutable<Short> {
    @Override
    public void serialize(Short value, DataOutputView out) throws IOException {
      if (value == null) {
        throw nullValue("Short");
      }
      out.writeShort(value);
    }

    @Override
    public Short deserialize(DataInputView in) throws IOException {
      return in.readShort();
    }
  }

  public static final class IntSerializer extends Immutable<Integer> {
    @Override
    public void serialize(Integer value, DataOutputView out) throws IOException {
      if (value == null) {
        throw nullValue("Integer");
      }
      out.writeInt(value);
    }

    @Override
    public Integer deserialize(DataInputView in) throws IOException {
      return in.readInt();
    }
  }

  public static final class LongSerializer extends Immutable<Long> {
    @Override
    public void serialize(Long value, DataOutputView out) throws IOException {
      if (value == null) {
        throw nullValue("Long");
      }
      out.writeLong(value);
    }

    @Override
    public Long deserialize(DataInputView in) throws IOException {
      return in.readLong();
    }
  }

  public static final class FloatSerializer extends Immutable<Float> {
    @Override
    public void serialize(Float value, DataOutputView out) throws IOException {
      if (value == null) {
        throw nullValue("Float");
      }
      out.writeFloat(value);
    }

    @Override
    public Float deserialize(DataInputView in) throws IOException {
      return in.readFloat();
    }
  }

  public static final class DoubleSerializer extends Immutable<Double> {
    @Override
    public void serialize(Double value, DataOutputView out) throws IOException {
      if (value == null) {
        throw nullValue("Double");
      }
      out.writeDouble(value);
    }

    @Override
    public Double deserialize(DataInputView in) throws IOException {
      return in.readDouble();
    }
  }

  public static final class CharSerializer extends Immutable<Character> {
    @Override
    public void serialize(Character value, DataOutputView out) throws IOException {
      if (value == null) {
        throw nullValue("Character");
      }
      out.writeChar(value);
    }

    @Override
    public Character deserialize(DataInputView in) throws IOException {
      return in.readChar();
    }
  }

  /** Writes nothing and reads null: the type of streams that carry no value. */
  public static final class VoidSerializer extends Immutable<Void> {
    @Override
    public void serialize(Void value, DataOutputView out) {}

    @Override
    public Void deserialize(DataInputView in) {
      return null;
    }
  }

  /**
   * Strings of any length: the char count as a varint, then each UTF-16 char in 1 (below 0x80), 2
   * (below 0x800) or 3 bytes. Unpaired surrogates survive. Keeps a char buffer, so make one per
   * user.
   */
  public static final class StringSerializer extends Immutable<String> {
    private char[] chars = new char[64];

    @Override
    public void serialize(String value, DataOutputView out) throws IOException {
      if (value == null) {
        throw nullValue("String");
      }
      int n = value.length();
      VarInts.writeVarInt(out, n);
      if (out instanceof MemoryDataOutput mem) {
        mem.writeCompactChars(value);
        return;
      }
      for (int i = 0; i < n; i++) {
        char c = value.charAt(i);
        if (c < 0x80) {
          out.writeByte(c);
        } else if (c < 0x800) {
          out.writeByte(0xC0 | (c >> 6));
          out.writeByte(0x80 | (c & 0x3F));
        } else {
          out.writeByte(0xE0 | (c >> 12));
          out.writeByte(0x80 | ((c >> 6) & 0x3F));
          out.writeByte(0x80 | (c & 0x3F));
        }
      }
    }

    @Override
    public String deserialize(DataInputView in) throws IOException {
      int n = VarInts.readVarInt(in);
      if (chars.length < n) {
        chars = new char[Math.max(n, 2 * chars.length)];
      }
      char[] cs = chars;
      if (in instanceof MemoryDataInput mem) {
        mem.readCompactChars(cs, n);
      } else {
        for (int i = 0; i < n; i++) {
          int c = in.readUnsignedByte();
          if (c < 0x80) {
            cs[i] = (char) c;
          } else if (c < 0xE0) {
            cs[i] = (char) (((c & 0x1F) << 6) | (in.readUnsignedByte() & 0x3F));
          } else {
            int c2 = in.readUnsignedByte();
            int c3 = in.readUnsignedByte();
            cs[i] = (char) (((c & 0x0F) << 12) | ((c2 & 0x3F) << 6) | (c3 & 0x3F));
          }
        }
      }
      return new String(cs, 0, n);
    }
  }

  public static final class BigIntegerSerializer extends Immutable<BigInteger> {
    @Override
    public void serialize(BigInteger value, DataOutputView out) throws IOException {
      if (value == null) {
        throw nullValue("BigInteger");
      }
      byte[] bytes = value.toByteArray();
      VarInts.writeVarInt(out, bytes.length);
      out.write(bytes);
    }

    @Override
    public BigInteger deserialize(DataInputView in) throws IOException {
      byte[] bytes = new byte[VarInts.readVarInt(in)];
      in.readFully(bytes);
      return new BigInteger(bytes);
    }
  }

  public static final class BigDecimalSerializer extends Immutable<BigDecimal> {
    private final BigIntegerSerializer unscaled = new BigIntegerSerializer();

    @Override
    public void serialize(BigDecimal value, DataOutputView out) throws IOException {
      if (value == null) {
        throw nullValue("BigDecimal");
      }
      unscaled.serialize(value.unscaledValue(), out);
      out.writeInt(value.scale());
    }

    @Override
    public BigDecimal deserialize(DataInputView in) throws IOException {
      BigInteger u = unscaled.deserialize(in);
      return new BigDecimal(u, in.readInt());
    }
  }

  public static final class InstantSerializer extends Immutable<Instant> {
    @Override
    public void serialize(Instant value, DataOutputView out) throws IOException {
      if (value == null) {
        throw nullValue("Instant");
      }
      out.writeLong(value.getEpochSecond());
      out.writeInt(value.getNano());
    }

    @Override
    public Instant deserialize(DataInputView in) throws IOException {
      long seconds = in.readLong();
      return Instant.ofEpochSecond(seconds, in.readInt());
    }
  }

  public static final class LocalDateSerializer extends Immutable<LocalDate> {
    @Override
    public void serialize(LocalDate value, DataOutputView out) throws IOException {
      if (value == null) {
        throw nullValue("LocalDate");
      }
      out.writeLong(value.toEpochDay());
    }

    @Override
    public LocalDate deserialize(DataInputView in) throws IOException {
      return LocalDate.ofEpochDay(in.readLong());
    }
  }

  public static final class LocalDateTimeSerializer extends Immutable<LocalDateTime> {
    @Override
    public void serialize(LocalDateTime value, DataOutputView out) throws IOException {
      if (value == null) {
        throw nullValue("LocalDateTime");
      }
      out.writeLong(value.toLocalDate().toEpochDay());
      out.writeLong(value.toLocalTime().toNanoOfDay());
    }

    @Override
    public LocalDateTime deserialize(DataInputView in) throws IOException {
      LocalDate date = LocalDate.ofEpochDay(in.readLong());
      return LocalDateTime.of(date, LocalTime.ofNanoOfDay(in.readLong()));
    }
  }
}
