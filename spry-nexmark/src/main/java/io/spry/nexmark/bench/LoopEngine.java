package io.spry.nexmark.bench;

import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.loops.Loops;

/**
 * The queries as plain single-threaded loops; the parallelism is ignored (always one thread). No
 * latency mode: a loop has no pipeline to measure.
 */
public final class LoopEngine implements Engine {
  @Override
  public QueryResult run(Query query, GeneratorConfig config, int parallelism) {
    return Loops.run(query, config);
  }
}
