package io.spry.api;

import io.spry.api.annotation.Public;
import java.util.Iterator;

/** An iterator over a running job's output; closing it cancels the job. */
@Public
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
  @Override
  void close();
}
