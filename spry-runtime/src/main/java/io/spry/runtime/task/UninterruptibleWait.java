package io.spry.runtime.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Waiting for something to finish, up to a deadline, through interrupts: for shutdown paths that
 * must not leave threads behind even when their own thread is interrupted (a cancelled task, a job
 * shut down from an interrupted caller). An interrupt during the wait does not end it; the thread's
 * interrupt flag is set again when the wait returns, so the caller's caller still sees it.
 */
public final class UninterruptibleWait {
  private UninterruptibleWait() {}

  /** One interruptible wait of at most {@code timeoutNanos} (0: look without waiting). */
  @FunctionalInterface
  public interface TimedWait {
    /**
     * @return true if what is awaited is done, false if the time ran out first
     */
    boolean await(long timeoutNanos) throws InterruptedException;
  }

  /**
   * Waits until {@code executor} has terminated or {@code timeout} has passed, through interrupts.
   *
   * @return whether it terminated
   */
  public static boolean awaitTermination(ExecutorService executor, long timeout, TimeUnit unit) {
    return await(
        nanos -> executor.awaitTermination(nanos, TimeUnit.NANOSECONDS),
        unit.toNanos(timeout),
        System::nanoTime);
  }

  /**
   * Calls {@code wait} until it reports done or the deadline, {@code timeoutNanos} after now on
   * {@code nanoClock}, has passed, again with the time left after each interrupt; then restores the
   * interrupt flag if the thread was interrupted before or during the wait.
   *
   * @return the last {@code wait}'s answer: false when the deadline passed first
   */
  public static boolean await(TimedWait wait, long timeoutNanos, LongSupplier nanoClock) {
    long start = nanoClock.getAsLong();
    boolean interrupted = Thread.interrupted(); // else the first wait would end at once
    try {
      while (true) {
        try {
          // the time left, without overflow for a timeout of Long.MAX_VALUE
          return wait.await(Math.max(0, timeoutNanos - (nanoClock.getAsLong() - start)));
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
