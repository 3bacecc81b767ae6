package io.spry.runtime.operator.window;

import io.spry.api.types.DataInputView;
import io.spry.api.types.DataOutputView;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.TypeSerializer;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One key's slices: slice start to the slice's accumulator. The newest slice (the one the last new
 * slice went into; records arrive mostly in time order, so nearly all go there) and the one before
 * it sit in fields of the map itself, so a record's update, and a window of a key with one or two
 * slices, read no array; older slices are in an open-addressing hash table with linear probing (no
 * boxing, no entry objects), made when a third slice comes. Looking up and updating a slice
 * allocates nothing; the table grows when half full. Accumulators are never null: null marks a free
 * slot.
 */
final class SliceMap {
  private static final int INITIAL_CAPACITY = 8;

  /** The newest slice, or none when {@code newestAcc} is null. */
  private long newestStart;

  private Object newestAcc;

  /** Another slice (mostly the one before the newest), or none when {@code otherAcc} is null. */
  private long otherStart;

  private Object otherAcc;

  /** The other slices; null until there are three. */
  private long[] starts;

  private Object[] accumulators;
  private int tableSize;

  /**
   * The number of the last window pass that handled this key (0: none), so a pass that meets the
   * key again in the list of a later slice knows. Copies keep it; snapshots do not (a restored
   * operator counts its passes anew).
   */
  long handledBy;

  /**
   * Aggregates of this key's slices shared between consecutive windows (see {@link
   * SlicingWindowOperator#combineShared}), or null. Derived from the slices: never copied,
   * serialized or snapshotted; the operator drops them when a record changes a slice they cover.
   */
  SharedPartials partials;

  /**
   * Partial aggregates of a key's consecutive windows, the "two stacks" of sliding-window
   * aggregation: {@link #suffix}{@code [i]} aggregates the slices from {@code from + i * width} up
   * to {@link #flip}, {@link #back} those from {@link #flip} up to {@link #backTo}. A window {@code
   * [start, end)} with {@code from <= start < flip} and {@code end >= backTo} is the suffix at
   * {@code start} and the back, once the back has taken the slices up to {@code end}. Null stands
   * for no slice.
   */
  static final class SharedPartials {
    long from;
    long flip;
    long backTo;
    Object[] suffix;
    Object back;
  }

  int size() {
    return tableSize + (newestAcc == null ? 0 : 1) + (otherAcc == null ? 0 : 1);
  }

  boolean isEmpty() {
    return newestAcc == null && otherAcc == null && tableSize == 0;
  }

  /** The accumulator of the slice starting at {@code start}, or null. */
  Object get(long start) {
    if (newestAcc != null && newestStart == start) {
      return newestAcc;
    }
    if (otherAcc != null && otherStart == start) {
      return otherAcc;
    }
    return tableSize == 0 ? null : tableGet(start);
  }

  /** Sets the slice's accumulator (not null). */
  void put(long start, Object accumulator) {
    if (newestAcc != null && newestStart == start) {
      newestAcc = accumulator;
    } else if (otherAcc != null && otherStart == start) {
      otherAcc = accumulator;
    } else if (tableSize > 0 && tableGet(start) != null) {
      tablePut(start, accumulator);
    } else {
      // a new slice becomes the newest; the one before it moves aside
      if (newestAcc != null) {
        if (otherAcc != null) {
          tablePut(otherStart, otherAcc);
        }
        otherStart = newestStart;
        otherAcc = newestAcc;
      }
      newestStart = start;
      newestAcc = accumulator;
    }
  }

  /** Removes the slice; true if it was there. */
  boolean remove(long start) {
    if (newestAcc != null && newestStart == start) {
      newestAcc = null;
      return true;
    }
    if (otherAcc != null && otherStart == start) {
      otherAcc = null;
      return true;
    }
    return tableSize > 0 && tableRemove(start);
  }

  /**
   * The start of the newest slice (the one the last new slice went into, while it is held), or
   * {@code Long.MIN_VALUE} when there is none.
   */
  long newestStart() {
    return newestAcc != null ? newestStart : Long.MIN_VALUE;
  }

  /** Removes every slice that starts before {@code end}; returns how many went. */
  int removeBefore(long end) {
    int removed = 0;
    if (newestAcc != null && newestStart < end) {
      newestAcc = null;
      removed++;
    }
    if (otherAcc != null && otherStart < end) {
      otherAcc = null;
      removed++;
    }
    if (tableSize > 0) {
      // A removal shifts later entries of its probe run back, into slots at or after this one
      // (or into ones already looked at, which then hold slices that stay): look at it again.
      for (int i = 0; i < starts.length; ) {
        if (accumulators[i] != null && starts[i] < end) {
          tableRemove(starts[i]);
          removed++;
        } else {
          i++;
        }
      }
    }
    return removed;
  }

  /** The starts of the slices held, in no particular order. */
  long[] starts() {
    long[] out = new long[size()];
    int[] n = {0};
    try {
      forEach((start, acc) -> out[n[0]++] = start);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Calls {@code action} with each slice's start and accumulator, the newest last and the one
   * before it just before (so a map read back in this order keeps them where they were).
   */
  private void forEach(SliceAction action) throws IOException {
    if (starts != null) {
      for (int i = 0; i < starts.length; i++) {
        if (accumulators[i] != null) {
          action.accept(starts[i], accumulators[i]);
        }
      }
    }
    if (otherAcc != null) {
      action.accept(otherStart, otherAcc);
    }
    if (newestAcc != null) {
      action.accept(newestStart, newestAcc);
    }
  }

  @FunctionalInterface
  private interface SliceAction {
    void accept(long start, Object accumulator) throws IOException;
  }

  // ---- the table of older slices ----

  private Object tableGet(long start) {
    int mask = starts.length - 1;
    for (int i = slot(start, mask); ; i = (i + 1) & mask) {
      Object acc = accumulators[i];
      if (acc == null || starts[i] == start) {
        return acc;
      }
    }
  }

  private void tablePut(long start, Object accumulator) {
    if (starts == null) {
      starts = new long[INITIAL_CAPACITY];
      accumulators = new Object[INITIAL_CAPACITY];
    }
    int mask = starts.length - 1;
    int i = slot(start, mask);
    while (accumulators[i] != null && starts[i] != start) {
      i = (i + 1) & mask;
    }
    if (accumulators[i] == null) {
      if (2 * (tableSize + 1) > starts.length) {
        grow();
        tablePut(start, accumulator);
        return;
      }
      tableSize++;
      starts[i] = start;
    }
    accumulators[i] = accumulator;
  }

  private boolean tableRemove(long start) {
    int mask = starts.length - 1;
    int i = slot(start, mask);
    while (accumulators[i] != null && starts[i] != start) {
      i = (i + 1) & mask;
    }
    if (accumulators[i] == null) {
      return false;
    }
    tableSize--;
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
    tableSize = 0;
    for (int i = 0; i < oldStarts.length; i++) {
      if (oldAccumulators[i] != null) {
        tablePut(oldStarts[i], oldAccumulators[i]);
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
      out.writeInt(value.size());
      value.forEach(
          (start, acc) -> {
            out.writeLong(start);
            accumulators.serialize(acc, out);
          });
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
      m.handledBy = value.handledBy;
      try {
        value.forEach((start, acc) -> m.put(start, accumulators.copy(acc)));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return m;
    }
  }

  @Override
  public String toString() {
    long[] live = starts();
    Arrays.sort(live);
    return "SliceMap" + Arrays.toString(live);
  }
}
