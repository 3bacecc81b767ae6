package io.spry.nexmark.generator;

/**
 * A small, fast pseudo-random sequence (SplitMix64, Steele, Lea and Flood, OOPSLA 2014) that is
 * reseeded per event instead of allocated per event: the generator keeps one and calls {@link
 * #seed} with each event id, so an event's content is a function of its id alone.
 */
final class SplitMix {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final double DOUBLE_UNIT = 0x1.0p-53;

  private long state;

  /** Restarts the sequence at the one belonging to {@code seed}. */
  void seed(long seed) {
    state = mix(seed * GOLDEN_GAMMA + 0x632BE59BD9B4E019L);
  }

  long nextLong() {
    return mix(state += GOLDEN_GAMMA);
  }

  /** Uniform in {@code [0, bound)}; {@code bound} must be positive. */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Uniform in {@code [0, bound)}; {@code bound} must be positive. */
  long nextLong(long bound) {
    return (nextLong() >>> 1) % bound;
  }

  /** Uniform in {@code [0, 1)}. */
  double nextDouble() {
    return (nextLong() >>> 11) * DOUBLE_UNIT;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
