package io.spry.api.types;

import static io.spry.api.types.SerializerTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.DeadLetter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dead letters travel between JVMs and into state like any record: their type is complete. */
class DeadLetterSerializerTest {

  @Test
  void aDeadLetterRoundTripsWithItsRecord() {
    TypeInfo<DeadLetter> type = TypeInfo.of(DeadLetter.class);
    assertThat(type).isInstanceOf(RecordTypeInfo.class);
    assertThat(type.isComplete()).isTrue();
    for (Object record : new Object[] {"bad-3", 42L, List.of(1, 2), null}) {
      DeadLetter d =
          new DeadLetter(
              "parse",
              "parse (1/2)",
              0,
              1,
              record,
              String.valueOf(record),
              17,
              "java.lang.NumberFormatException",
              null,
              "java.lang.NumberFormatException\n\tat X.y(X.java:1)",
              99);
      assertThat(roundTrip(type, d)).isEqualTo(d);
    }
  }
}
