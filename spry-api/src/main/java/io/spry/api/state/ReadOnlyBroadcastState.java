package io.spry.api.state;

import io.spry.api.annotation.Public;
import java.util.Map;

/**
 * Broadcast state as the non-broadcast side sees it: read only, so that every subtask keeps the
 * same contents (only broadcast elements, which every subtask receives, may change it).
 */
@Public
public interface ReadOnlyBroadcastState<K, V> {
  V get(K key) throws Exception;

  boolean contains(K key) throws Exception;

  /** The entries, as an unmodifiable view. */
  Iterable<Map.Entry<K, V>> immutableEntries() throws Exception;
}
