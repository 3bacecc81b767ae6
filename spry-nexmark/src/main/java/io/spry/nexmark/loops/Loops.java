package io.spry.nexmark.loops;

import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.ResultAccumulator;
import io.spry.nexmark.generator.EventStream;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.model.Event;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Nexmark queries as plain single-threaded Java loops over the same generated stream: no
 * framework, no queues, no copies. They are the per-core upper bound the engine is measured
 * against, and an independent computation of the queries' results for tests.
 *
 * <p>They read the whole stream in {@link EventStream} order, in which timestamps never decrease,
 * so windows close as soon as time passes them.
 */
public final class Loops {
  private Loops() {}

  /** A query as a loop: events in, rows out. */
  interface QueryLoop {
    void onEvent(Event event, Consumer<Object> out);

    /** The input has ended: emit what is still open. */
    default void onEnd(Consumer<Object> out) {}
  }

  /** Runs {@code query} over the events {@code config} makes, and sums the output up. */
  public static QueryResult run(Query query, GeneratorConfig config) {
    ResultAccumulator result = new ResultAccumulator(query, false);
    run(query, config, result::add);
    return result.result();
  }

  /** The result rows: every row, or for q4 the last row per key. */
  public static List<Object> collect(Query query, GeneratorConfig config) {
    ResultAccumulator result = new ResultAccumulator(query, true);
    run(query, config, result::add);
    return result.rows();
  }

  /** Runs {@code query}, handing every output row to {@code out}. */
  public static void run(Query query, GeneratorConfig config, Consumer<Object> out) {
    QueryLoop loop = create(query);
    EventStream events = EventStream.of(config);
    while (events.hasNext()) {
      loop.onEvent(events.next(), out);
    }
    loop.onEnd(out);
  }

  static QueryLoop create(Query query) {
    return switch (query) {
      case Q0 -> StatelessLoops.q0();
      case Q1 -> StatelessLoops.q1();
      case Q2 -> StatelessLoops.q2();
      case Q3 -> new LocalItemLoop();
      case Q4 -> WinningBidLoop.categoryAverages();
      case Q5 -> new HotItemsLoop();
      case Q6 -> WinningBidLoop.sellerAverages();
      case Q7 -> new HighestBidLoop();
      case Q8 -> new NewUsersLoop();
    };
  }
}
