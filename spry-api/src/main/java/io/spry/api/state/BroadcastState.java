package io.spry.api.state;

import io.spry.api.annotation.Public;
import java.util.Map;

/**
 * A map that every parallel instance of an operator holds in full, changed only by broadcast
 * elements (which every instance receives in the same order per upstream), so all copies agree.
 */
@Public
public interface BroadcastState<K, V> extends ReadOnlyBroadcastState<K, V> {
  void put(K key, V value) throws Exception;

  void putAll(Map<K, V> map) throws Exception;

  void remove(K key) throws Exception;

  Iterable<Map.Entry<K, V>> entries() throws Exception;

  void clear() throws Exception;
}
