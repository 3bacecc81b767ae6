package io.spry.runtime.checkpoint;

import java.util.Map;

/**
 * How a task reports to the checkpoint coordinator. Called on the task's thread; implementations
 * hand slow work (writing files) to other threads and return at once.
 */
public interface CheckpointResponder {

  /**
   * The task took its snapshot of checkpoint {@code checkpointId}. The states may hold keyed
   * snapshots captured and not yet written ({@link SubtaskState#setKeyed(
   * io.spry.runtime.state.CapturedSnapshot)}): the responder owns them now and must write or
   * release each, whatever becomes of the checkpoint.
   *
   * @param states each operator's state by operator id (operators without state may be missing)
   * @param syncNanos how long the synchronous part took on the task's thread
   * @param alignmentNanos how long the task waited for barriers on all inputs
   */
  void acknowledge(
      int taskIndex,
      long checkpointId,
      Map<String, SubtaskState> states,
      long syncNanos,
      long alignmentNanos);

  /** The task processed all its input and waits for a final checkpoint before it ends. */
  void finishedInput(int taskIndex);

  /** The task ended (after a checkpoint it took after its input ended completed). */
  void taskDone(int taskIndex);

  /** Does nothing: for jobs without checkpoints. */
  CheckpointResponder NONE =
      new CheckpointResponder() {
        @Override
        public void acknowledge(
            int taskIndex,
            long checkpointId,
            Map<String, SubtaskState> states,
            long syncNanos,
            long alignmentNanos) {
          SubtaskState.releaseAll(states.values());
        }

        @Override
        public void finishedInput(int taskIndex) {}

        @Override
        public void taskDone(int taskIndex) {}
      };
}
