package io.spry.state.rocksdb;

import io.spry.api.state.StateDescriptor;
import io.spry.api.types.TypeSerializer;
import org.rocksdb.ColumnFamilyHandle;

/**
 * Base of the states that keep one value per key (and namespace): value, reducing, aggregating.
 * Stored as {@code [lastAccess:long] value}.
 */
abstract class RocksSingleValueState extends RocksState {

  RocksSingleValueState(
      RocksDBKeyedStateBackend backend,
      StateDescriptor<?, ?> descriptor,
      ColumnFamilyHandle column,
      TypeSerializer<?> namespaceSerializer) {
    super(backend, descriptor, column, namespaceSerializer);
  }

  /** The current value, or null (also when expired, which removes it). */
  final Object current() {
    cleanupSomeEntries();
    return valueAt(prefix());
  }

  /** The value stored under the first {@code keyLength} bytes of the DB key, or null. */
  final Object valueAt(int keyLength) {
    int n = read(keyLength);
    if (n < 0) {
      return null;
    }
    if (!hasTtl()) {
      return deserializeValue(readBuffer, 0, n);
    }
    long now = now();
    if (isExpired(RocksDBKeyedStateBackend.readLong(readBuffer, 0), now)) {
      delete(keyLength);
      return null;
    }
    if (refreshOnRead) {
      RocksDBKeyedStateBackend.writeLong(readBuffer, 0, now);
      put(keyLength, readBuffer, n);
    }
    return deserializeValue(readBuffer, 8, n - 8);
  }

  /** Stores {@code value} for the current key (and namespace). */
  final void set(Object value) {
    int keyLength = prefix();
    setAt(keyLength, value);
  }

  final void setAt(int keyLength, Object value) {
    valueOut.reset();
    if (hasTtl()) {
      valueOut.writeLong(now());
    }
    serializeValue(value, valueOut);
    put(keyLength, valueOut.buffer(), valueOut.position());
  }

  /** Combines two values (merging windows); the default cannot. */
  Object combine(Object a, Object b) throws Exception {
    throw new UnsupportedOperationException(
        kind()
            + " state cannot be merged; merging windows need list, reducing or aggregating state");
  }

  @Override
  public final void mergeNamespaces(Object target, java.util.Collection<?> sources)
      throws Exception {
    Object merged = null;
    for (Object source : sources) {
      if (source.equals(target)) {
        continue;
      }
      int keyLength = prefixFor(source);
      Object v = valueAt(keyLength);
      if (v != null) {
        delete(keyLength);
        merged = merged == null ? v : combine(merged, v);
      }
    }
    if (merged == null) {
      return;
    }
    int keyLength = prefixFor(target);
    Object existing = valueAt(keyLength);
    setAt(keyLength, existing == null ? merged : combine(existing, merged));
  }

  /** The value state. */
  static final class Value<T> extends RocksSingleValueState
      implements io.spry.api.state.ValueState<T> {
    private final T defaultValue;

    Value(
        RocksDBKeyedStateBackend backend,
        io.spry.api.state.ValueStateDescriptor<T> d,
        ColumnFamilyHandle column,
        TypeSerializer<?> namespaceSerializer) {
      super(backend, d, column, namespaceSerializer);
      this.defaultValue = d.getDefaultValue();
    }

    @Override
    StateDescriptor.Kind kind() {
      return StateDescriptor.Kind.VALUE;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T value() {
      Object v = current();
      return v == null ? defaultValue : (T) v;
    }

    @Override
    public void update(T value) {
      if (value == null) {
        clear();
      } else {
        cleanupSomeEntries();
        set(value);
      }
    }
  }

  /** The reducing state. */
  static final class Reducing<T> extends RocksSingleValueState
      implements io.spry.api.state.ReducingState<T> {
    private final io.spry.api.functions.ReduceFunction<T> reduce;

    Reducing(
        RocksDBKeyedStateBackend backend,
        io.spry.api.state.ReducingStateDescriptor<T> d,
        ColumnFamilyHandle column,
        TypeSerializer<?> namespaceSerializer) {
      super(backend, d, column, namespaceSerializer);
      this.reduce = d.getReduceFunction();
    }

    @Override
    StateDescriptor.Kind kind() {
      return StateDescriptor.Kind.REDUCING;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get() {
      return (T) current();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void add(T value) throws Exception {
      T old = (T) current();
      set(old == null ? value : reduce.reduce(old, value));
    }

    @Override
    @SuppressWarnings("unchecked")
    Object combine(Object a, Object b) throws Exception {
      return reduce.reduce((T) a, (T) b);
    }
  }

  /** The aggregating state: the accumulator is stored. */
  static final class Aggregating<IN, ACC, OUT> extends RocksSingleValueState
      implements io.spry.api.state.AggregatingState<IN, OUT> {
    private final io.spry.api.functions.AggregateFunction<IN, ACC, OUT> function;

    Aggregating(
        RocksDBKeyedStateBackend backend,
        io.spry.api.state.AggregatingStateDescriptor<IN, ACC, OUT> d,
        ColumnFamilyHandle column,
        TypeSerializer<?> namespaceSerializer) {
      super(backend, d, column, namespaceSerializer);
      this.function = d.getAggregateFunction();
    }

    @Override
    StateDescriptor.Kind kind() {
      return StateDescriptor.Kind.AGGREGATING;
    }

    @Override
    @SuppressWarnings("unchecked")
    public OUT get() {
      Object acc = current();
      return acc == null ? null : function.getResult((ACC) acc);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void add(IN value) {
      ACC acc = (ACC) current();
      if (acc == null) {
        acc = function.createAccumulator();
      }
      set(function.add(value, acc));
    }

    @Override
    @SuppressWarnings("unchecked")
    Object combine(Object a, Object b) {
      return function.merge((ACC) a, (ACC) b);
    }
  }
}
