package io.spry.api.types;

import static io.spry.api.types.SerializerTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.spry.api.tuple.Tuple2;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class GenericAndDynamicSerializerTest {

  /** No no-arg constructor, final fields: only Kryo with Objenesis can build it. */
  public static final class Point {
    final int x;
    final String label;

    Point(int x, String label) {
      this.x = x;
      this.label = label;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Point p && p.x == x && Objects.equals(p.label, label);
    }

    @Override
    public int hashCode() {
      return x;
    }
  }

  /** Only used by the warning test, so that no other test has warned for it yet. */
  public static final class WarnedOnce {
    final int v;

    WarnedOnce(int v) {
      this.v = v;
    }
  }

  @Test
  void kryoSerializesClassesWithoutNoArgConstructors() {
    TypeInfo<Point> type = TypeInfo.of(Point.class);
    assertThat(type).isInstanceOf(GenericTypeInfo.class);
    Point p = new Point(3, "p");
    assertThat(roundTrip(type, p)).isEqualTo(p);
    Point copy = type.createSerializer().copy(p);
    assertThat(copy).isEqualTo(p).isNotSameAs(p);
  }

  @Test
  void theFallbackWarnsOncePerClassNamingTheReasonAndTheRemedy() {
    Logger logger = (Logger) LoggerFactory.getLogger(GenericTypeInfo.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      TypeInfo<WarnedOnce> type = TypeInfo.of(WarnedOnce.class);
      type.createSerializer();
      type.createSerializer();
      new GenericTypeInfo<>(WarnedOnce.class).createSerializer();
      assertThat(appender.list).hasSize(1);
      String message = appender.list.get(0).getFormattedMessage();
      assertThat(message)
          .contains(WarnedOnce.class.getName())
          .contains("no public no-argument constructor")
          .contains("record or a POJO")
          .contains(".returns(");
    } finally {
      logger.detachAppender(appender);
    }
  }

  @Test
  void dynamicTypesSerializeByRuntimeClass() {
    TypeInfo<Object> type = new DynamicTypeInfo<>(Object.class);
    for (Object v :
        List.of(
            "s",
            1,
            2L,
            3.0,
            4f,
            true,
            (short) 5,
            (byte) 6,
            'c',
            List.of(1, "two"),
            Map.of("k", List.of()),
            Tuple2.of("a", 1),
            new Point(1, "x"),
            CompositeSerializerTest.Color.GREEN,
            new int[] {1, 2})) {
      SerializerTesting.assertDeepEquals(roundTrip(type, v), v);
    }
  }

  @Test
  void dynamicCollectionsKeepClassesUsersCanName() {
    TypeInfo<Object> type = new DynamicTypeInfo<>(Object.class);
    java.util.LinkedList<Integer> linked = new java.util.LinkedList<>(List.of(1, 2));
    assertThat(roundTrip(type, linked)).isInstanceOf(java.util.LinkedList.class).isEqualTo(linked);
    java.util.TreeMap<String, Integer> tree = new java.util.TreeMap<>(Map.of("b", 2, "a", 1));
    assertThat(roundTrip(type, tree)).isInstanceOf(java.util.TreeMap.class).isEqualTo(tree);
    assertThat(roundTrip(type, List.of(1))).isInstanceOf(java.util.ArrayList.class);
    assertThat(roundTrip(type, new java.util.HashSet<>(List.of(1))))
        .isInstanceOf(java.util.HashSet.class);
  }

  @net.jqwik.api.Property
  void dynamicNestedValuesRoundTrip(
      @net.jqwik.api.ForAll List<@net.jqwik.api.From("values") Object> values) {
    TypeInfo<Object> type = new DynamicTypeInfo<>(Object.class);
    assertThat(roundTrip(type, values)).isEqualTo(values);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Object> values() {
    return net.jqwik.api.Arbitraries.oneOf(
        net.jqwik.api.Arbitraries.strings().map(s -> (Object) s),
        net.jqwik.api.Arbitraries.integers().map(i -> (Object) i),
        net.jqwik.api.Arbitraries.longs().map(l -> (Object) l),
        net.jqwik.api.Arbitraries.strings()
            .list()
            .ofMaxSize(3)
            .map(l -> (Object) Tuple2.of(l, l.size())),
        net.jqwik.api.Arbitraries.maps(
                net.jqwik.api.Arbitraries.strings(), net.jqwik.api.Arbitraries.doubles())
            .ofMaxSize(3)
            .map(m -> (Object) m));
  }

  @Test
  void rawTuplesWork() {
    @SuppressWarnings("rawtypes")
    TypeInfo<Tuple2> type = TypeInfo.of(Tuple2.class);
    assertThat(type.toString()).isEqualTo("Tuple2<?, ?>");
    Tuple2<String, Object> t = Tuple2.of("a", Tuple2.of(1L, null));
    assertThat(roundTrip(type, t)).isEqualTo(t);
  }
}
