package io.spry.api.types;

import static io.spry.api.types.SerializerTesting.bytes;
import static io.spry.api.types.SerializerTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class BasicSerializerTest {

  @Property
  void stringsOfAnyCharsRoundTrip(@ForAll String s) {
    assertThat(roundTrip(Types.STRING, s)).isEqualTo(s);
  }

  @Test
  void unpairedSurrogatesAndLongStringsRoundTrip() {
    String odd = "a\uD800b\uDFFF\u0000\uFFFF\u07FF\u0800";
    assertThat(roundTrip(Types.STRING, odd)).isEqualTo(odd);
    String longString = "x€".repeat(100_000);
    assertThat(roundTrip(Types.STRING, longString)).isEqualTo(longString);
  }

  @Test
  void stringEncodingIsCharCountThenCompactChars() {
    // "aé€": 3 chars; a = 1 byte, é (U+00E9) = 2 bytes, € (U+20AC) = 3 bytes
    assertThat(bytes(Types.STRING.createSerializer(), "aé€"))
        .containsExactly(3, 'a', 0xC3, 0xA9, 0xE2, 0x82, 0xAC);
  }

  @Property
  void numbersRoundTrip(
      @ForAll int i,
      @ForAll long l,
      @ForAll short s,
      @ForAll byte b,
      @ForAll double d,
      @ForAll float f,
      @ForAll char c,
      @ForAll boolean z) {
    assertThat(roundTrip(Types.INT, i)).isEqualTo(i);
    assertThat(roundTrip(Types.LONG, l)).isEqualTo(l);
    assertThat(roundTrip(Types.SHORT, s)).isEqualTo(s);
    assertThat(roundTrip(Types.BYTE, b)).isEqualTo(b);
    assertThat(roundTrip(Types.DOUBLE, d)).isEqualTo(d);
    assertThat(roundTrip(Types.FLOAT, f)).isEqualTo(f);
    assertThat(roundTrip(Types.CHAR, c)).isEqualTo(c);
    assertThat(roundTrip(Types.BOOLEAN, z)).isEqualTo(z);
  }

  @Test
  void fixedWidthBigEndian() {
    assertThat(bytes(Types.INT.createSerializer(), 0x01020304)).containsExactly(1, 2, 3, 4);
    assertThat(bytes(Types.LONG.createSerializer(), -2L))
        .containsExactly(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE);
  }

  @Property
  void bigNumbersRoundTrip(@ForAll BigInteger unscaled, @ForAll int scale) {
    assertThat(roundTrip(Types.BIG_INT, unscaled)).isEqualTo(unscaled);
    BigDecimal d = new BigDecimal(unscaled, scale);
    assertThat(roundTrip(Types.BIG_DEC, d)).isEqualTo(d); // equals includes the scale
  }

  @Property
  void timesRoundTrip(@ForAll long seconds, @ForAll int nanos, @ForAll int days) {
    Instant i =
        Instant.ofEpochSecond(
            Math.floorMod(seconds, Instant.MAX.getEpochSecond()),
            Math.floorMod(nanos, 1_000_000_000));
    assertThat(roundTrip(Types.INSTANT, i)).isEqualTo(i);
    LocalDate date = LocalDate.ofEpochDay(Math.floorMod(days, 3_000_000) - 1_000_000);
    assertThat(roundTrip(Types.LOCAL_DATE, date)).isEqualTo(date);
    LocalDateTime dt = date.atTime(13, 59, 58, Math.floorMod(nanos, 1_000_000_000));
    assertThat(roundTrip(Types.LOCAL_DATE_TIME, dt)).isEqualTo(dt);
  }

  @Test
  void voidWritesNothing() {
    assertThat(bytes(Types.VOID.createSerializer(), null)).isEmpty();
    assertThat(roundTrip(Types.VOID, null)).isNull();
  }

  @Test
  void nullIsRejectedWithAMessageThatSaysWhereNullsMayGo() {
    assertThatThrownBy(() -> bytes(Types.STRING.createSerializer(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("String serializer got null")
        .hasMessageContaining("fields of tuples, records, POJOs");
    assertThatThrownBy(() -> bytes(Types.LONG.createSerializer(), null))
        .hasMessageContaining("Long serializer got null");
  }

  @Test
  void copyReturnsTheImmutableValue() {
    String s = new String("abc");
    assertThat(Types.STRING.createSerializer().copy(s)).isSameAs(s);
  }

  @Test
  void forClassBoxesPrimitivesAndKnowsNumericAndComparable() {
    assertThat(BasicTypeInfo.forClass(int.class)).isSameAs(BasicTypeInfo.INT);
    assertThat(BasicTypeInfo.forClass(Object.class)).isNull();
    assertThat(BasicTypeInfo.LONG.isNumeric()).isTrue();
    assertThat(BasicTypeInfo.STRING.isNumeric()).isFalse();
    assertThat(BasicTypeInfo.STRING.isComparable()).isTrue();
    assertThat(BasicTypeInfo.VOID.isComparable()).isFalse();
  }
}
