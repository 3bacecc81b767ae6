package io.spry.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link UninterruptibleWait}: on a manual clock, interrupts during the wait neither end it nor
 * shorten its deadline, and the flag is set again afterwards; the deadline ends it with false; and
 * on a real executor, an interrupted waiter still waits for the termination.
 */
class UninterruptibleWaitTest {

  @AfterEach
  void clearFlag() {
    Thread.interrupted(); // the tests leave the flag set on purpose
  }

  /** Interrupted twice, then done: asked again each time with the time left on the clock. */
  @Test
  void anInterruptKeepsTheWaitGoingWithTheTimeLeftAndIsRestoredAfterwards() {
    AtomicLong clock = new AtomicLong(1_000);
    List<Long> asked = new ArrayList<>();
    boolean done =
        UninterruptibleWait.await(
            nanos -> {
              asked.add(nanos);
              if (asked.size() <= 2) {
                clock.addAndGet(30); // 30 ns pass, then the interrupt comes
                throw new InterruptedException();
              }
              return true;
            },
            100,
            clock::get);
    assertThat(done).isTrue();
    assertThat(asked).containsExactly(100L, 70L, 40L);
    assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
  }

  @Test
  void theDeadlineEndsTheWaitWithFalse() {
    AtomicLong clock = new AtomicLong();
    List<Long> asked = new ArrayList<>();
    boolean done =
        UninterruptibleWait.await(
            nanos -> {
              asked.add(nanos);
              clock.addAndGet(60);
              if (asked.size() == 1) {
                throw new InterruptedException(); // after 60 of 50 ns: the deadline has passed
              }
              return false; // what a wait answers when its time ran out
            },
            50,
            clock::get);
    assertThat(done).isFalse();
    assertThat(asked).containsExactly(50L, 0L); // the last look waits no more
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void aWaitWithoutInterruptsLeavesTheFlagClear() {
    assertThat(UninterruptibleWait.await(nanos -> true, 10, () -> 0)).isTrue();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aThreadInterruptedBeforeTheWaitStillWaits() {
    Thread.currentThread().interrupt();
    AtomicBoolean flagDuringWait = new AtomicBoolean(true);
    boolean done =
        UninterruptibleWait.await(
            nanos -> {
              flagDuringWait.set(Thread.currentThread().isInterrupted());
              return true;
            },
            10,
            () -> 0);
    assertThat(done).isTrue();
    assertThat(flagDuringWait).as("cleared for the wait, else it would end at once").isFalse();
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void anExecutorThatDoesNotEndBeforeTheDeadlineGivesFalse() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      executor.execute(() -> awaitQuietly(release));
      executor.shutdown();
      assertThat(UninterruptibleWait.awaitTermination(executor, 1, TimeUnit.MILLISECONDS))
          .isFalse();
    } finally {
      release.countDown();
      executor.shutdownNow();
    }
  }

  @Test
  void anInterruptedWaiterWaitsForTheExecutorsEnd() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    executor.execute(() -> awaitQuietly(release));
    executor.shutdown();
    AtomicReference<Boolean> result = new AtomicReference<>();
    AtomicBoolean flagAfter = new AtomicBoolean();
    Thread waiter =
        new Thread(
            () -> {
              result.set(UninterruptibleWait.awaitTermination(executor, 1, TimeUnit.HOURS));
              flagAfter.set(Thread.currentThread().isInterrupted());
            });
    waiter.start();
    while (waiter.getState() != Thread.State.TIMED_WAITING) { // in awaitTermination
      Thread.onSpinWait();
    }
    waiter.interrupt();
    waiter.interrupt();
    assertThat(executor.isTerminated()).isFalse(); // so a waiter that gave up would say false
    release.countDown();
    waiter.join();
    assertThat(result.get()).as("waited for the termination").isTrue();
    assertThat(executor.isTerminated()).isTrue();
    assertThat(flagAfter).as("the interrupt is kept").isTrue();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
