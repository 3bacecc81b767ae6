package io.spry.api.windowing.evictors;

import io.spry.api.annotation.Public;
import java.io.Serializable;

/** The distance between two records, for {@link DeltaEvictor}. */
@Public
@FunctionalInterface
public interface DeltaFunction<T> extends Serializable {
  double getDelta(T oldDataPoint, T newDataPoint);
}
