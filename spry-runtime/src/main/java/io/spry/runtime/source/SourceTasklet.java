package io.spry.runtime.source;

import io.spry.api.connector.source.InputStatus;
import io.spry.api.time.Clock;
import io.spry.runtime.task.ChainTasklet;
import io.spry.runtime.task.OperatorChain;

/** A task whose head is a {@link SourceOperator}: each turn lets the reader emit a batch. */
public final class SourceTasklet extends ChainTasklet {
  private final SourceOperator<?, ?> source;

  public SourceTasklet(
      String name,
      OperatorChain chain,
      boolean cooperative,
      Clock clock,
      SourceOperator<?, ?> source) {
    super(name, chain, cooperative, clock);
    this.source = source;
  }

  @Override
  protected boolean processInput() throws Exception {
    io.spry.runtime.exchange.CheckpointBarrier b = source.takeTrigger();
    if (b != null) {
      snapshotAndForward(b, 0);
      return true;
    }
    InputStatus status = source.emitNext();
    if (status == InputStatus.END_OF_INPUT) {
      source.emitFinalWatermark();
      endOfInput();
      return true;
    }
    return status == InputStatus.MORE_AVAILABLE;
  }

  @Override
  protected io.spry.runtime.exchange.CheckpointBarrier pollSourceTrigger() {
    return source.takeTrigger();
  }

  @Override
  public void cancel() {
    if (!isCooperative()) {
      source.wakeUp();
    }
  }
}
