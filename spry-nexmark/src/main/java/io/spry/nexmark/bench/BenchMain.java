package io.spry.nexmark.bench;

import io.spry.nexmark.Query;

/**
 * The entry point of a benchmark JVM: {@code BenchMain <engine> <query> <events> <parallelism>
 * <warmupEvents>} measures one run and prints its {@link Measurement#wire()} line on stdout; with a
 * sixth argument {@code <rate>} (events/s) it measures a latency run of {@code <events>} at that
 * rate and prints its {@link LatencyMeasurement#wire()} line.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5 && args.length != 6) {
      System.err.println(
          "usage: BenchMain <engine> <query> <events> <parallelism> <warmupEvents> [<rate>]");
      System.exit(2);
    }
    Engine.Kind engine = Engine.Kind.parse(args[0]);
    Query query = Query.parse(args[1]);
    long events = Long.parseLong(args[2]);
    int parallelism = Integer.parseInt(args[3]);
    long warmupEvents = Long.parseLong(args[4]);
    String wire;
    if (args.length == 6) {
      long rate = Long.parseLong(args[5]);
      wire = BenchRun.measureLatency(engine, query, rate, events, parallelism, warmupEvents).wire();
    } else {
      wire = BenchRun.measure(engine, query, events, parallelism, warmupEvents).wire();
    }
    System.out.println(wire);
    System.out.flush();
    // Engines may leave non-daemon threads behind (Flink's mini cluster pools).
    System.exit(0);
  }
}
