package io.spry.runtime.task;

/**
 * A unit of work a worker thread calls again and again: one subtask of the execution plan.
 *
 * <p>Contract: {@link #call()} does a bounded amount of work and returns; a cooperative tasklet
 * never blocks in it, because it shares its worker thread with other tasklets. A non-cooperative
 * one runs on a thread of its own and may block. One thread at a time calls {@code call()} and
 * {@code close()}; {@link #cancel()} may be called from any thread.
 */
public interface Tasklet {

  /** For thread names and logs, e.g. {@code Source: numbers -> Map (2/4)}. */
  String name();

  boolean isCooperative();

  ProgressState call() throws Exception;

  /** From any thread: unblock a blocking call (close a socket, interrupt a source function). */
  default void cancel() {}

  /** Releases resources; idempotent; called on the thread that ran the tasklet. */
  void close();
}
