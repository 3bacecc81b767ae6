package io.spry.runtime.exchange;

import io.spry.api.functions.KeySelector;
import io.spry.api.functions.Partitioner;
import io.spry.api.graph.Partitioning;
import io.spry.runtime.state.KeyGroups;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;

/** The selectors behind each {@link Partitioning.Kind}. */
public final class ChannelSelectors {
  private ChannelSelectors() {}

  /**
   * A selector for one producing subtask.
   *
   * @param partitioning the edge's partitioning
   * @param numChannels the writer's channels; for HASH and CUSTOM these are all consumer subtasks
   *     in order
   * @param maxParallelism the number of key groups
   * @param producerIndex the producing subtask's index, to spread round-robin starting points
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static ChannelSelector create(
      Partitioning partitioning, int numChannels, int maxParallelism, int producerIndex) {
    return switch (partitioning.kind()) {
      case FORWARD, GLOBAL -> record -> 0;
      case REBALANCE, RESCALE -> new RoundRobin(numChannels, producerIndex);
      case SHUFFLE -> new Shuffle(numChannels, 0x9E3779B97F4A7C15L * (producerIndex + 1));
      case BROADCAST -> new Broadcast();
      case HASH ->
          keyGroupSelector((KeySelector) partitioning.keySelector(), maxParallelism, numChannels);
      case CUSTOM ->
          new Custom(
              (Partitioner) partitioning.partitioner(),
              (KeySelector) partitioning.keySelector(),
              numChannels);
    };
  }

  /**
   * A {@link KeyGroupSelector} whose class is a copy of its own for this key selector's class (a
   * hidden class with the same bytecode, made once per key selector class), so the JIT profiles its
   * call of {@code getKey} apart from every other keyed edge's. With one class for all keyed edges
   * that call site sees every key selector of the job, inlines none, and the key a selector boxes
   * (a {@code long} field as a {@code Long}) is allocated only to be hashed. With a class per
   * selector the call is monomorphic, the selector is inlined and escape analysis drops the box.
   * Falls back to the shared class if the copy cannot be made.
   */
  static ChannelSelector keyGroupSelector(
      KeySelector<Object, Object> keySelector, int maxParallelism, int n) {
    Constructor<?> c = SPECIALIZED.get(keySelector.getClass());
    if (c != null) {
      try {
        return (ChannelSelector) c.newInstance(keySelector, maxParallelism, n);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // fall back to the shared class
      }
    }
    return new KeyGroupSelector(keySelector, maxParallelism, n);
  }

  /** The constructor of each key selector class's copy of {@link KeyGroupSelector}, or null. */
  private static final ClassValue<Constructor<?>> SPECIALIZED =
      new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> keySelectorClass) {
          byte[] bytes = keyGroupSelectorBytes();
          if (bytes == null) {
            return null;
          }
          try {
            // Not STRONG: the copy can be unloaded with the key selector's class.
            Class<?> copy = MethodHandles.lookup().defineHiddenClass(bytes, true).lookupClass();
            return copy.getDeclaredConstructor(KeySelector.class, int.class, int.class);
          } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
          }
        }
      };

  private static volatile byte[] keyGroupSelectorBytes;

  private static byte[] keyGroupSelectorBytes() {
    byte[] b = keyGroupSelectorBytes;
    if (b == null) {
      String file = KeyGroupSelector.class.getName();
      file = file.substring(file.lastIndexOf('.') + 1) + ".class";
      try (InputStream in = KeyGroupSelector.class.getResourceAsStream(file)) {
        if (in == null) {
          return null;
        }
        b = in.readAllBytes();
      } catch (IOException e) {
        return null;
      }
      keyGroupSelectorBytes = b;
    }
    return b;
  }

  /** Round robin over the channels. */
  static final class RoundRobin implements ChannelSelector {
    private final int n;
    private int next;

    RoundRobin(int n, int start) {
      this.n = n;
      this.next = start % n;
    }

    @Override
    public int select(Object record) {
      int c = next;
      next = c + 1 == n ? 0 : c + 1;
      return c;
    }
  }

  /** Uniformly random channels from a xorshift generator (no shared state, no allocation). */
  static final class Shuffle implements ChannelSelector {
    private final int n;
    private long state;

    Shuffle(int n, long seed) {
      this.n = n;
      this.state = seed == 0 ? 1 : seed;
    }

    @Override
    public int select(Object record) {
      long x = state;
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      state = x;
      return (int) ((x >>> 33) % n);
    }
  }

  /** Every channel. */
  static final class Broadcast implements ChannelSelector {
    @Override
    public int select(Object record) {
      return ALL;
    }

    @Override
    public boolean isBroadcast() {
      return true;
    }
  }

  /**
   * The subtask that owns the key group of the record's key. Each key selector class gets a hidden
   * copy of this class ({@link #keyGroupSelector}): keep it self-contained (no nestmate access to
   * {@link ChannelSelectors}' private members, no inner classes).
   */
  static final class KeyGroupSelector implements ChannelSelector {
    private final KeySelector<Object, Object> keySelector;
    private final int maxParallelism;

    /** The owning subtask of each key group, computed once (no division per record). */
    private final int[] channelOfGroup;

    KeyGroupSelector(KeySelector<Object, Object> keySelector, int maxParallelism, int n) {
      this.keySelector = keySelector;
      this.maxParallelism = maxParallelism;
      this.channelOfGroup = new int[maxParallelism];
      for (int kg = 0; kg < maxParallelism; kg++) {
        channelOfGroup[kg] = KeyGroups.operatorIndexForKeyGroup(maxParallelism, n, kg);
      }
    }

    @Override
    public int select(Object record) throws Exception {
      Object key = keySelector.getKey(record);
      if (key == null) {
        throw new NullPointerException(
            "The key selector returned null for record "
                + RecordSummary.of(record)
                + "; keys must not be null");
      }
      return channelOfGroup[KeyGroups.assignToKeyGroup(key, maxParallelism)];
    }
  }

  /** The user's partitioner, checked to stay in range. */
  static final class Custom implements ChannelSelector {
    private final Partitioner<Object> partitioner;
    private final KeySelector<Object, Object> keySelector;
    private final int n;

    Custom(Partitioner<Object> partitioner, KeySelector<Object, Object> keySelector, int n) {
      this.partitioner = partitioner;
      this.keySelector = keySelector;
      this.n = n;
    }

    @Override
    public int select(Object record) throws Exception {
      int c = partitioner.partition(keySelector.getKey(record), n);
      if (c < 0 || c >= n) {
        throw new IllegalStateException(
            "The custom partitioner "
                + partitioner.getClass().getName()
                + " returned "
                + c
                + " for "
                + n
                + " partitions; it must return a value in [0, "
                + n
                + ")");
      }
      return c;
    }
  }
}
