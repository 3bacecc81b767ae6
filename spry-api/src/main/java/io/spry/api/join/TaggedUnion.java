package io.spry.api.join;

import io.spry.api.annotation.Internal;

/**
 * An element of either input of a window join or co-group, so both inputs can share one keyed,
 * windowed stream.
 */
@Internal
public record TaggedUnion<T1, T2>(T1 one, T2 two) {
  public static <T1, T2> TaggedUnion<T1, T2> one(T1 value) {
    return new TaggedUnion<>(value, null);
  }

  public static <T1, T2> TaggedUnion<T1, T2> two(T2 value) {
    return new TaggedUnion<>(null, value);
  }

  public boolean isOne() {
    return one != null;
  }
}
