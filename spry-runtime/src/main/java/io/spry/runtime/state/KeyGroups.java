package io.spry.runtime.state;

/**
 * Pure functions mapping keys to key groups and key groups to subtasks.
 *
 * <p>A key belongs to key group {@code mix(hash(key)) mod maxParallelism}, where {@code hash} is
 * {@link KeyHashing#hash} (the same in every JVM) and {@code mix} spreads the bits (MurmurHash3's
 * 32-bit finaliser). Subtask {@code i} of {@code p} owns the contiguous range of key groups {@code
 * [ceil(i * maxP / p), ceil((i + 1) * maxP / p) - 1]}; {@link #operatorIndexForKeyGroup} is its
 * inverse, {@code kg * p / maxP}. Contiguous ranges make rescaling a matter of splitting and
 * merging ranges.
 *
 * <p>Bounds: {@code 1 <= p <= maxP <= 32768}, so {@code kg * p} fits in an int.
 */
public final class KeyGroups {
  private KeyGroups() {}

  /** The largest supported max parallelism: {@code maxP * maxP} must not overflow an int. */
  public static final int UPPER_BOUND_MAX_PARALLELISM = 32768;

  /** The key group of a key, in {@code [0, maxParallelism)}. */
  public static int assignToKeyGroup(Object key, int maxParallelism) {
    return computeKeyGroupForHash(KeyHashing.hash(key), maxParallelism);
  }

  /** The key group of a key's stable hash. */
  public static int computeKeyGroupForHash(int hash, int maxParallelism) {
    int h = mix(hash) & Integer.MAX_VALUE;
    // the same value as h % maxParallelism; a mask instead of a division for powers of two (128)
    return (maxParallelism & (maxParallelism - 1)) == 0
        ? h & (maxParallelism - 1)
        : h % maxParallelism;
  }

  /** The subtask, in {@code [0, parallelism)}, that owns a key group. */
  public static int operatorIndexForKeyGroup(int maxParallelism, int parallelism, int keyGroup) {
    return keyGroup * parallelism / maxParallelism;
  }

  /** The key groups subtask {@code index} of {@code parallelism} owns. */
  public static KeyGroupRange rangeForOperator(int maxParallelism, int parallelism, int index) {
    checkBounds(maxParallelism, parallelism);
    int start = ceilDiv(index * maxParallelism, parallelism);
    int end = ceilDiv((index + 1) * maxParallelism, parallelism) - 1;
    return new KeyGroupRange(start, end);
  }

  /** Throws a message that says how to fix an impossible parallelism. */
  public static void checkBounds(int maxParallelism, int parallelism) {
    if (maxParallelism < 1 || maxParallelism > UPPER_BOUND_MAX_PARALLELISM) {
      throw new IllegalArgumentException(
          "maxParallelism must be in [1, "
              + UPPER_BOUND_MAX_PARALLELISM
              + "], was "
              + maxParallelism);
    }
    if (parallelism < 1 || parallelism > maxParallelism) {
      throw new IllegalArgumentException(
          "parallelism "
              + parallelism
              + " of a keyed operator must be in [1, maxParallelism="
              + maxParallelism
              + "]; raise maxParallelism with env.setMaxParallelism(...)");
    }
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
  static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
