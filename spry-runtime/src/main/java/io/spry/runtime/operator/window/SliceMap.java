package io.spry.runtime.operator.window;

import io.spry.api.types.DataInputView;
import io.spry.api.types.DataOutputView;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.TypeSerializer;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One key's slices: slice start to the slice's accumulator, in an open-addressing hash table with
 * linear probing (no boxing, no entry objects). Looking up and updating a slice allocates nothing;
 * the table grows when half full. Accumulators are never null: null marks a free slot.
 */
final class SliceMap {
  private static final int INITIAL_CAPACITY = 8;

  private long[] starts = new long[INITIAL_CAPACITY];
  private Object[] accumulators = new Object[INITIAL_CAPACITY];
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The accumulator of the slice starting at {@code start}, or null. */
  Object get(long start) {
    int mask = starts.length - 1;
    for (int i = slot(start, mask); ; i = (i + 1) & mask) {
      Object acc = accumulators[i];
      if (acc == null || starts[i] == start) {
        return acc;
      }
    }
  }

  /** Sets the slice's accumulator (not null). */
  void put(long start, Object accumulator) {
    int mask = starts.length - 1;
    int i = slot(start, mask);
    while (accumulators[i] != null && starts[i] != start) {
      i = (i + 1) & mask;
    }
    if (accumulators[i] == null) {
      if (2 * (size + 1) > starts.length) {
        grow();
        put(start, accumulator);
        return;
      }
      size++;
      starts[i] = start;
    }
    accumulators[i] = accumulator;
  }

  /** Removes the slice; true if it was there. */
  boolean remove(long start) {
    int mask = starts.length - 1;
    int i = slot(start, mask);
    while (accumulators[i] != null && starts[i] != start) {
      i = (i + 1) & mask;
    }
    if (accumulators[i] == null) {
      return false;
    }
    size--;
    // Backward-shift deletion: move later entries of the probe run into the hole.
    int hole = i;
    for (int j = (i + 1) & mask; accumulators[j] != null; j = (j + 1) & mask) {
      int home = slot(starts[j], mask);
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        starts[hole] = starts[j];
        accumulators[hole] = accumulators[j];
        hole = j;
      }
    }
    accumulators[hole] = null;
    return true;
  }

  private void grow() {
    long[] oldStarts = starts;
    Object[] oldAccumulators = accumulators;
    starts = new long[oldStarts.length * 2];
    accumulators = new Object[oldStarts.length * 2];
    size = 0;
    for (int i = 0; i < oldStarts.length; i++) {
      if (oldAccumulators[i] != null) {
        put(oldStarts[i], oldAccumulators[i]);
      }
    }
  }

  private static int slot(long start, int mask) {
    long h = start * 0x9E3779B97F4A7C15L; // Fibonacci hashing: consecutive slices spread out
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /**
   * The type of a key's slices, for snapshots: the number of slices, then each slice's start as a
   * long and its accumulator with the accumulator type's serializer. Complete when the accumulator
   * type is.
   */
  static final class Type extends TypeInfo<SliceMap> {
    private static final long serialVersionUID = 1L;
    private final TypeInfo<?> accumulatorType;

    Type(TypeInfo<?> accumulatorType) {
      this.accumulatorType = Objects.requireNonNull(accumulatorType, "accumulatorType");
    }

    @Override
    public Class<SliceMap> getTypeClass() {
      return SliceMap.class;
    }

    @Override
    public boolean isComplete() {
      return accumulatorType.isComplete();
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeSerializer<SliceMap> createSerializer() {
      return new Serializer((TypeSerializer<Object>) accumulatorType.createSerializer());
    }

    @Override
    public java.util.List<TypeInfo<?>> getInnerTypes() {
      return java.util.List.of(accumulatorType);
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeSerializer<SliceMap> createSerializer(
        java.util.List<TypeSerializer<?>> innerSerializers) {
      return new Serializer((TypeSerializer<Object>) innerSerializers.get(0));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Type t && t.accumulatorType.equals(accumulatorType);
    }

    @Override
    public int hashCode() {
      return accumulatorType.hashCode() * 31 + 3;
    }

    @Override
    public String toString() {
      return "SliceMap<" + accumulatorType + ">";
    }
  }

  private static final class Serializer implements TypeSerializer<SliceMap> {
    private final TypeSerializer<Object> accumulators;

    Serializer(TypeSerializer<Object> accumulators) {
      this.accumulators = accumulators;
    }

    @Override
    public void serialize(SliceMap value, DataOutputView out) throws IOException {
      out.writeInt(value.size);
      for (int i = 0; i < value.starts.length; i++) {
        if (value.accumulators[i] != null) {
          out.writeLong(value.starts[i]);
          accumulators.serialize(value.accumulators[i], out);
        }
      }
    }

    @Override
    public SliceMap deserialize(DataInputView in) throws IOException {
      int n = in.readInt();
      SliceMap m = new SliceMap();
      for (int i = 0; i < n; i++) {
        long start = in.readLong();
        m.put(start, accumulators.deserialize(in));
      }
      return m;
    }

    @Override
    public SliceMap copy(SliceMap value) {
      SliceMap m = new SliceMap();
      for (int i = 0; i < value.starts.length; i++) {
        if (value.accumulators[i] != null) {
          m.put(value.starts[i], accumulators.copy(value.accumulators[i]));
        }
      }
      return m;
    }
  }

  @Override
  public String toString() {
    long[] live = new long[size];
    int n = 0;
    for (int i = 0; i < starts.length; i++) {
      if (accumulators[i] != null) {
        live[n++] = starts[i];
      }
    }
    Arrays.sort(live);
    return "SliceMap" + Arrays.toString(live);
  }
}
