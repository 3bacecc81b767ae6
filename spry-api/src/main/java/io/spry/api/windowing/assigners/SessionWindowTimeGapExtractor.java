package io.spry.api.windowing.assigners;

import io.spry.api.annotation.Public;
import java.io.Serializable;

/** The session gap for a record, in milliseconds, for sessions with dynamic gaps. */
@Public
@FunctionalInterface
public interface SessionWindowTimeGapExtractor<T> extends Serializable {
  long extract(T element);
}
