package io.spry.api.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.DataStream;
import io.spry.api.SingleOutputStream;
import io.spry.api.StreamEnvironment;
import io.spry.api.functions.Collector;
import io.spry.api.tuple.Tuple2;
import org.junit.jupiter.api.Test;

/**
 * Types as the DataStream API derives them when a job is built (nothing is executed). Call sites in
 * messages are not this class: CallSite skips frames in io.spry packages, so they name the first
 * caller outside them.
 */
class DataStreamTypesTest {

  public record Bid(long auction, long price) {}

  private final StreamEnvironment env = StreamEnvironment.create();

  @Test
  void returnsWithTypesTupleTypeChecksAndFeedsSum() {
    DataStream<String> words = env.fromElements("a", "b");
    SingleOutputStream<Tuple2<String, Integer>> pairs =
        words.map(w -> Tuple2.of(w, 1)).returns(Types.TUPLE(Types.STRING, Types.INT));
    SingleOutputStream<Tuple2<String, Integer>> counts = pairs.keyBy(t -> t.f0).sum(1);
    assertThat(counts.getType()).isEqualTo(Types.TUPLE(Types.STRING, Types.INT));
    assertThat(pairs.keyBy(t -> t.f0).getKeyType()).isEqualTo(Types.STRING);
  }

  @Test
  void lambdaOutputsAndMethodReferences() {
    DataStream<String> words = env.fromElements("a", "b");
    assertThat(words.getType()).isEqualTo(Types.STRING);
    assertThat(words.map(String::length).getType()).isEqualTo(Types.INT);
    assertThat(words.map(w -> new Bid(1, w.length())).getType()).isInstanceOf(RecordTypeInfo.class);
  }

  @Test
  void rawTuplesFromALambdaStillSumByPositionButNeedReturnsForASerializer() {
    SingleOutputStream<Tuple2<String, Integer>> pairs =
        env.fromElements("a", "b").map(w -> Tuple2.of(w, 1));
    assertThat(pairs.getType().isComplete()).isFalse();
    SingleOutputStream<Tuple2<String, Integer>> counts = pairs.keyBy(t -> t.f0).sum(1);
    assertThatThrownBy(() -> counts.getType().createSerializer())
        .isInstanceOf(InvalidTypesException.class)
        .hasMessageContaining("the output of map at ")
        .hasMessageContaining(".returns(");
  }

  @Test
  void aggregationOnAFlatMapLambdaSaysWhereTheTypeWasLost() {
    SingleOutputStream<String> words =
        env.fromElements("a b").flatMap((String line, Collector<String> out) -> out.collect(line));
    assertThatThrownBy(() -> words.keyBy(w -> w).max(0))
        .isInstanceOf(InvalidTypesException.class)
        .hasMessageContaining("the output of flatMap at ")
        .hasMessageContaining("max(0) at ")
        .hasMessageContaining("Collector");
  }

  @Test
  void recordsAggregateByNameAndTuplesProject() {
    DataStream<Bid> bids = env.fromElements(new Bid(1, 10), new Bid(1, 20));
    assertThat(bids.keyBy(Bid::auction).sum("price").getType()).isEqualTo(TypeInfo.of(Bid.class));
    assertThatThrownBy(() -> bids.keyBy(Bid::auction).sum("cnt"))
        .hasMessageContaining("sum(\"cnt\") at ")
        .hasMessageContaining("[auction, price]");

    SingleOutputStream<Tuple2<String, Integer>> pairs =
        env.fromElements("a")
            .map(w -> Tuple2.of(w, 1))
            .returns(Types.TUPLE(Types.STRING, Types.INT));
    assertThat(pairs.<Tuple2<Integer, String>>project(1, 0).getType())
        .isEqualTo(Types.TUPLE(Types.INT, Types.STRING));
  }
}
