package io.spry.api.state;

import io.spry.api.annotation.Public;
import java.util.List;

/** A list per key. {@link #get()} returns an empty iterable, never null. */
@Public
public interface ListState<T> extends AppendingState<T, Iterable<T>> {
  void update(List<T> values) throws Exception;

  void addAll(List<T> values) throws Exception;
}
