package io.spry.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.StreamEnvironment;
import org.junit.jupiter.api.Test;

/** Chaining and partitioning decisions, read through {@code env.explain()}. */
class PlanCompilerTest {

  @Test
  void forwardEdgesOfEqualParallelismChain() {
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.fromSequence(1, 10)
        .name("numbers")
        .map(x -> x + 1)
        .filter(x -> x > 3)
        .keyBy(x -> x % 2)
        .reduce(Long::sum)
        .addSink((v, c) -> {})
        .name("out");
    assertThat(env.explain())
        .isEqualTo(
            """
            Plan of job 'explain': 2 tasks
              [1] numbers -> Map -> Filter  (parallelism 2, cooperative)
              [2] Keyed Reduce -> out  (parallelism 2, own thread per subtask)
            Edges:
              [1] -> [2]  HASH
            """);
  }

  @Test
  void startNewChainDisableChainingAndSlotSharingGroupsBreakChains() {
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.fromSequence(1, 10)
        .name("src")
        .map(x -> x)
        .name("a")
        .map(x -> x)
        .name("b")
        .startNewChain()
        .map(x -> x)
        .name("c")
        .disableChaining()
        .map(x -> x)
        .name("d")
        .map(x -> x)
        .name("e")
        .slotSharingGroup("other")
        .sinkTo(new io.spry.api.connector.print.PrintSink<>(false, null))
        .name("sink");
    String plan = env.explain();
    assertThat(plan)
        .contains("[1] src -> a  (parallelism 2")
        .contains("[2] b  (parallelism 2")
        .contains("[3] c  (parallelism 2")
        .contains("[4] d  (parallelism 2")
        .contains("[5] e -> sink  (parallelism 2, own thread per subtask)");
  }

  @Test
  void differentParallelismRebalancesUnlessToldOtherwise() {
    StreamEnvironment env = StreamEnvironment.createLocal(4);
    env.fromSequence(1, 10)
        .setParallelism(1)
        .map(x -> x)
        .rescale()
        .map(x -> x)
        .addSink((v, c) -> {});
    assertThat(env.explain())
        .contains("[1] Sequence Source  (parallelism 1, cooperative)")
        .contains("[1] -> [2]  REBALANCE")
        .contains("[2] -> [3]  RESCALE");
  }

  @Test
  void sideOutputsAndUnionsShowAsEdges() {
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    io.spry.api.OutputTag<String> tag = new io.spry.api.OutputTag<>("late", String.class);
    var main =
        env.fromSequence(1, 10)
            .process(
                new io.spry.api.functions.ProcessFunction<Long, Long>() {
                  @Override
                  public void processElement(
                      Long v, Context ctx, io.spry.api.functions.Collector<Long> out) {}
                });
    main.getSideOutput(tag).rebalance().addSink((v, c) -> {});
    main.addSink((v, c) -> {});
    assertThat(env.explain()).contains("side output 'late'");
  }

  @Test
  void aJobWithoutSinksIsRejected() {
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    env.fromSequence(1, 10).map(x -> x);
    assertThatThrownBy(env::explain)
        .hasMessageContaining("no sinks")
        .hasMessageContaining("print()");
  }

  @Test
  void keyedParallelismAboveMaxParallelismIsRejected() {
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    env.setMaxParallelism(4);
    env.fromSequence(1, 10).keyBy(x -> x).reduce(Long::sum).setParallelism(8).addSink((v, c) -> {});
    assertThatThrownBy(env::explain)
        .hasMessageContaining("Keyed Reduce")
        .hasMessageContaining("maxParallelism=4")
        .hasMessageContaining("setMaxParallelism");
  }
}
