package io.spry.testkit;

import io.spry.runtime.exchange.RecordWriter;
import io.spry.runtime.operator.Output;
import java.util.List;

/**
 * The output a harness gives its operator. Records reach the {@link OutputBuffer} either at once
 * ({@link DirectOutput}) or when the harness drains a queue between inputs ({@link QueuedOutput}).
 */
sealed interface HarnessOutput extends Output<Object> permits DirectOutput, QueuedOutput {

  /** Moves everything emitted so far into the buffer. */
  void drain();

  /** The record writers the operator chain must flush and end; none for a direct output. */
  List<RecordWriter> writers();
}
