package io.spry.api.connector.datagen;

import io.spry.api.annotation.Public;
import java.io.Serializable;

/**
 * Makes the record at an index of a {@link DataGeneratorSource}. It should be a pure function of
 * the index: a restored reader calls it again for indices after the checkpoint, and every index is
 * asked for exactly once per run.
 *
 * @param <T> the records made
 */
@Public
@FunctionalInterface
public interface GeneratorFunction<T> extends Serializable {

  /** The record at {@code index}, from 0; an exception fails the job. */
  T map(long index) throws Exception;
}
