package io.spry.state.rocksdb;

import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.StateDescriptor;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeSerializer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.rocksdb.ColumnFamilyHandle;

/**
 * A list per key (and namespace), stored as its elements one after another, each {@code length:int
 * [lastAccess:long] element}. {@link #add} is a RocksDB merge that appends one element without
 * reading the list (the column family's merge operator concatenates); merging windows appends the
 * sources' bytes to the target without deserializing them.
 */
final class RocksListState<T> extends RocksState implements ListState<T> {

  RocksListState(
      RocksDBKeyedStateBackend backend,
      ListStateDescriptor<T> d,
      ColumnFamilyHandle column,
      TypeSerializer<?> namespaceSerializer) {
    super(backend, d, column, namespaceSerializer);
  }

  @Override
  StateDescriptor.Kind kind() {
    return StateDescriptor.Kind.LIST;
  }

  /** Appends one element's {@code length [lastAccess] element} to {@code out}. */
  private void writeElement(Object value, long now, MemoryDataOutput out) {
    int mark = out.position();
    out.writeInt(0);
    if (hasTtl()) {
      out.writeLong(now);
    }
    serializeValue(value, out);
    RocksDBKeyedStateBackend.patchInt(out.buffer(), mark, out.position() - mark - 4);
  }

  @Override
  public Iterable<T> get() {
    cleanupSomeEntries();
    int keyLength = prefix();
    int n = read(keyLength);
    if (n < 0) {
      return List.of();
    }
    List<T> out = new ArrayList<>();
    if (!hasTtl()) {
      decode(readBuffer, n, out);
      return out;
    }
    long now = now();
    byte[] live = pruneExpired(readBuffer, n, now, refreshOnRead);
    if (live == null) {
      delete(keyLength);
      return List.of();
    }
    if (live != readBuffer) { // something expired, or reads refresh: write back what lives
      put(keyLength, live, live.length);
      decode(live, live.length, out);
    } else {
      decode(readBuffer, n, out);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private void decode(byte[] bytes, int length, List<T> out) {
    int skip = hasTtl() ? 8 : 0;
    for (int p = 0; p < length; ) {
      int elementLength = RocksDBKeyedStateBackend.readInt(bytes, p);
      out.add((T) deserializeValue(bytes, p + 4 + skip, elementLength - skip));
      p += 4 + elementLength;
    }
  }

  /**
   * The live elements of a stored list: {@code bytes} itself when none expired and nothing is
   * refreshed, a new array otherwise, or null when all expired.
   */
  private byte[] pruneExpired(byte[] bytes, int length, long now, boolean refresh) {
    boolean changed = refresh;
    int live = 0;
    for (int p = 0; p < length; ) {
      int elementLength = RocksDBKeyedStateBackend.readInt(bytes, p);
      if (isExpired(RocksDBKeyedStateBackend.readLong(bytes, p + 4), now)) {
        changed = true;
      } else {
        live++;
      }
      p += 4 + elementLength;
    }
    if (live == 0) {
      return null;
    }
    if (!changed) {
      return bytes;
    }
    MemoryDataOutput out = new MemoryDataOutput(length);
    for (int p = 0; p < length; ) {
      int elementLength = RocksDBKeyedStateBackend.readInt(bytes, p);
      if (!isExpired(RocksDBKeyedStateBackend.readLong(bytes, p + 4), now)) {
        out.writeInt(elementLength);
        out.writeLong(refresh ? now : RocksDBKeyedStateBackend.readLong(bytes, p + 4));
        out.write(bytes, p + 12, elementLength - 8);
      }
      p += 4 + elementLength;
    }
    return out.toByteArray();
  }

  @Override
  byte[] pruneExpired(byte[] value, long now) {
    return pruneExpired(value, value.length, now, false);
  }

  @Override
  public void add(T value) {
    Objects.requireNonNull(value, "ListState does not hold null elements");
    cleanupSomeEntries();
    int keyLength = prefix();
    valueOut.reset();
    writeElement(value, hasTtl() ? now() : 0, valueOut);
    merge(keyLength, valueOut.buffer(), valueOut.position());
  }

  @Override
  public void addAll(List<T> values) {
    if (values == null || values.isEmpty()) {
      return;
    }
    cleanupSomeEntries();
    int keyLength = prefix();
    valueOut.reset();
    long now = hasTtl() ? now() : 0;
    for (T t : values) {
      Objects.requireNonNull(t, "ListState does not hold null elements");
      writeElement(t, now, valueOut);
    }
    merge(keyLength, valueOut.buffer(), valueOut.position());
  }

  @Override
  public void update(List<T> values) {
    if (values == null || values.isEmpty()) {
      clear();
      return;
    }
    int keyLength = prefix();
    valueOut.reset();
    long now = hasTtl() ? now() : 0;
    for (T t : values) {
      Objects.requireNonNull(t, "ListState does not hold null elements");
      writeElement(t, now, valueOut);
    }
    put(keyLength, valueOut.buffer(), valueOut.position());
  }

  @Override
  public void mergeNamespaces(Object target, Collection<?> sources) {
    MemoryDataOutput moved = new MemoryDataOutput(256);
    for (Object source : sources) {
      if (source.equals(target)) {
        continue;
      }
      int keyLength = prefixFor(source);
      int n = read(keyLength);
      if (n > 0) {
        moved.write(readBuffer, 0, n);
        delete(keyLength);
      }
    }
    if (moved.position() > 0) {
      merge(prefixFor(target), moved.buffer(), moved.position());
    }
  }
}
