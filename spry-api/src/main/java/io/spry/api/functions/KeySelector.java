package io.spry.api.functions;

import io.spry.api.annotation.Public;

/**
 * Extracts the key of a record. It must be deterministic: the same record gives an equal key on
 * every call and in every JVM, because the key decides which subtask and which key group owns the
 * record's state. Keys must have a stable {@code hashCode} (strings, boxed primitives, enums,
 * records, tuples, or classes that override {@code hashCode} from their fields).
 */
@Public
@FunctionalInterface
public interface KeySelector<T, K> extends Function {
  K getKey(T value) throws Exception;
}
