package io.spry.api.connector.file;

import io.spry.api.annotation.Public;
import java.io.Serializable;

/**
 * Chooses the bucket of each record a {@link FileSink} writes: the subdirectory of the sink's
 * directory that its part file goes into. Each bucket has its own part files and rolls them on its
 * own.
 *
 * <p>A bucket id is a relative path of {@code /}-separated names, or the empty string for the
 * sink's directory itself. A name must not be {@code .} or {@code ..}, nor start with {@code .} or
 * {@code _} (readers skip such names). A bad id fails the job, naming it.
 *
 * <p>The assigner belongs to the sink, which all of the sink's subtasks share: it must hold no
 * mutable state (or be thread-safe). It is called for every record, so keep it cheap.
 *
 * @param <T> the records written
 */
@Public
@FunctionalInterface
public interface BucketAssigner<T> extends Serializable {

  String getBucketId(T element, Context context);

  /** Everything in the sink's directory itself (the default). */
  static <T> BucketAssigner<T> singleBucket() {
    return SingleBucket.cast();
  }

  /** What {@link #getBucketId} may see beside the record. Valid only during the call. */
  @Public
  interface Context {
    /** The job clock's processing time, in milliseconds since the epoch. */
    long currentProcessingTime();

    /** The record's event timestamp, or null if it has none. */
    Long timestamp();

    long currentWatermark();
  }

  /** The single bucket; a stateless singleton. */
  enum SingleBucket implements BucketAssigner<Object> {
    INSTANCE;

    @Override
    public String getBucketId(Object element, Context context) {
      return "";
    }

    @SuppressWarnings("unchecked")
    static <T> BucketAssigner<T> cast() {
      return (BucketAssigner<T>) (BucketAssigner<?>) INSTANCE;
    }

    @Override
    public String toString() {
      return "BucketAssigner.singleBucket()";
    }
  }
}
