package io.spry.nexmark.bench;

import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.latency.LatencyRun;
import io.spry.nexmark.queries.Queries;

/** The queries as Spry jobs, each run in a local environment of its own. */
public final class SpryEngine implements Engine {
  @Override
  public QueryResult run(Query query, GeneratorConfig config, int parallelism) {
    return Queries.run(query, config, parallelism);
  }

  @Override
  public QueryResult runLatency(LatencyRun run, int parallelism) {
    return Queries.runPaced(run, parallelism);
  }
}
