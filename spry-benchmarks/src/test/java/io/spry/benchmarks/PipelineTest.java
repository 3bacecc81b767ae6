package io.spry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmarked job computes what the plain loop computes (no benchmark runs here). */
class PipelineTest {

  @Test
  void jobAndLoopAgree() {
    long records = 20_000;
    Pipeline.Result loop = Pipeline.runLoop(records);
    assertThat(loop.count()).isEqualTo(records / 2);
    assertThat(Pipeline.runJob(records, 2)).isEqualTo(loop);
  }

  @Test
  void jobAgreesAtParallelismOneAndWithTinyQueues() {
    long records = 5_000;
    Pipeline.Result loop = Pipeline.runLoop(records);
    assertThat(Pipeline.runJob(records, 1)).isEqualTo(loop);
    assertThat(Pipeline.runJob(records, 2, c -> c.setQueueCapacity(4).setBatchSize(3)))
        .isEqualTo(loop);
  }
}
