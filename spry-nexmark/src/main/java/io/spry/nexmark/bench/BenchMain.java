package io.spry.nexmark.bench;

import io.spry.nexmark.Query;

/**
 * The entry point of a benchmark JVM: {@code BenchMain <engine> <query> <events> <parallelism>
 * <warmupEvents>} measures one run and prints its {@link Measurement#wire()} line on stdout.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: BenchMain <engine> <query> <events> <parallelism> <warmupEvents>");
      System.exit(2);
    }
    Measurement m =
        BenchRun.measure(
            Engine.Kind.parse(args[0]),
            Query.parse(args[1]),
            Long.parseLong(args[2]),
            Integer.parseInt(args[3]),
            Long.parseLong(args[4]));
    System.out.println(m.wire());
    System.out.flush();
    // Engines may leave non-daemon threads behind (Flink's mini cluster pools).
    System.exit(0);
  }
}
