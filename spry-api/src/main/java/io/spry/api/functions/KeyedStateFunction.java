package io.spry.api.functions;

import io.spry.api.annotation.Public;
import io.spry.api.state.State;

/** Applied to the state of every key, e.g. from a broadcast element. */
@Public
@FunctionalInterface
public interface KeyedStateFunction<K, S extends State> {
  void process(K key, S state) throws Exception;
}
