package io.spry.runtime.operator;

import io.spry.api.functions.KeySelector;
import io.spry.runtime.state.KeyedStateBackend;
import java.util.Arrays;

/**
 * The keys of a batch of records that a keyed operator's input will deliver next, computed once:
 * the backend prefetches their state, and {@link #keyOf} hands each record its key when it comes,
 * so the key selector still runs once per record.
 *
 * <p>A key is handed out only to the record it was computed from (the same object, at the next
 * position of the batch); any other record, one whose key selector failed here, and an object that
 * comes more than once in the batch (the function may change it in between) get their keys from the
 * selector when they are processed, so that a failure is raised, and handled, there.
 */
final class KeyPrefetch<T> {
  private final KeySelector<T, ?> selector;
  private final KeyedStateBackend backend;
  private Object[] records = new Object[16];
  private Object[] keys = new Object[16];
  private int size;
  private int next;

  KeyPrefetch(KeySelector<T, ?> selector, KeyedStateBackend backend) {
    this.selector = selector;
    this.backend = backend;
  }

  boolean active() {
    return backend.prefetches();
  }

  @SuppressWarnings("unchecked")
  void prefetch(Object[] batch, int n) {
    if (records.length < n) {
      records = new Object[n];
      keys = new Object[n];
    }
    clearRest();
    for (int j = 0; j < n; j++) {
      Object record = batch[j];
      Object key = null; // null: computed when the record is processed
      if (!seenBefore(batch, j)) {
        try {
          key = selector.getKey((T) record);
        } catch (Exception | LinkageError | StackOverflowError e) {
          key = null; // computed again, and reported, when the record is processed
        }
      }
      records[j] = record;
      keys[j] = key;
    }
    size = n;
    next = 0;
    backend.prefetch(keys, n);
  }

  /**
   * Whether the object at {@code j} came earlier in the batch: the function may change it while
   * processing it there, so its key here is computed when it comes.
   */
  private static boolean seenBefore(Object[] batch, int j) {
    Object record = batch[j];
    for (int k = 0; k < j; k++) {
      if (batch[k] == record) {
        return true;
      }
    }
    return false;
  }

  /** The key of the record being delivered. */
  Object keyOf(T record) throws Exception {
    int i = next;
    if (i < size && records[i] == record) {
      Object key = keys[i];
      records[i] = null;
      keys[i] = null;
      next = i + 1;
      if (key != null) {
        return key;
      }
    }
    return selector.getKey(record);
  }

  /** Drops what is left of the last batch (records it did not deliver, after a failure). */
  private void clearRest() {
    if (next < size) {
      Arrays.fill(records, next, size, null);
      Arrays.fill(keys, next, size, null);
    }
    size = 0;
    next = 0;
  }
}
