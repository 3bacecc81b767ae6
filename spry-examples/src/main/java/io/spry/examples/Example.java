package io.spry.examples;

import io.spry.api.DataStream;
import io.spry.api.DataStreamSink;
import io.spry.api.JobResult;
import io.spry.api.StreamEnvironment;
import java.util.List;

/**
 * A runnable example job. {@link Examples#all()} lists them; the {@code spry} command runs them by
 * name and each has a {@code main} of its own.
 *
 * <p>An example builds its job with {@link #build}, which returns the stream of results. Running it
 * prints that stream; tests collect it instead.
 */
public interface Example {

  /** The name the command line uses, e.g. {@code wordcount}. */
  String name();

  /** One line saying what the example does. */
  String description();

  /** The options the example takes, besides {@code --parallelism} which every example takes. */
  List<ExampleOption> options();

  /**
   * Adds the job to {@code env} and returns the stream of its results, without a sink.
   *
   * @throws ExampleUsageException when an option's value is not usable
   */
  DataStream<?> build(StreamEnvironment env, ExampleArgs args);

  /**
   * Adds the sink that prints the results of {@link #build} to standard output: {@code print()}
   * unless the example prints differently (with parallelism 1, say, to keep its lines in order).
   */
  default DataStreamSink<?> print(DataStream<?> results) {
    return results.print();
  }

  /** Builds the job, prints its results to standard output and waits for it to end. */
  default JobResult run(ExampleArgs args) {
    return Examples.run(this, args);
  }
}
