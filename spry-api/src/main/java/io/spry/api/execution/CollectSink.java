package io.spry.api.execution;

import io.spry.api.CloseableIterator;
import io.spry.api.JobExecutionException;
import io.spry.api.JobHandle;
import io.spry.api.annotation.Internal;
import io.spry.api.connector.sink.Sink;
import io.spry.api.connector.sink.SinkContext;
import io.spry.api.connector.sink.SinkWriter;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The sink behind {@code executeAndCollect()}: a bounded queue between the sink's thread and the
 * caller's iterator. A full queue blocks the sink, which backpressures the job. Embedded runtime
 * only (the queue is shared by reference).
 */
@Internal
public final class CollectSink<T> implements Sink<T> {
  private static final Object END = new Object();

  private final transient BlockingQueue<Object> queue;

  public CollectSink(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    if (context.getParallelism() != 1) {
      throw new IllegalStateException("The collect sink runs with parallelism 1");
    }
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) throws InterruptedException {
        queue.put(element);
      }

      @Override
      public void flush(boolean endOfInput) throws InterruptedException {
        if (endOfInput) {
          queue.put(END);
        }
      }
    };
  }

  /** Iterates over the records of the job behind {@code handle}; closing it cancels the job. */
  public CloseableIterator<T> iterator(JobHandle handle) {
    return new CloseableIterator<>() {
      private Object next;
      private boolean ended;

      @Override
      public boolean hasNext() {
        while (next == null && !ended) {
          Object o;
          try {
            o = queue.poll(20, TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the job's output", e);
          }
          if (o == END) {
            ended = true;
          } else if (o != null) {
            next = o;
          } else if (handle.result().isDone() && queue.isEmpty()) {
            ended = true;
            rethrowFailure();
          }
        }
        return next != null;
      }

      private void rethrowFailure() {
        try {
          handle.result().get();
        } catch (ExecutionException | CompletionException e) {
          if (e.getCause() instanceof JobExecutionException j) {
            throw j;
          }
          throw new JobExecutionException(handle.jobId(), "The job failed", e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      @SuppressWarnings("unchecked")
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        T t = (T) next;
        next = null;
        return t;
      }

      @Override
      public void close() {
        if (!handle.status().isTerminal()) {
          handle.cancel();
        }
        queue.clear();
        try {
          handle.result().handle((r, e) -> null).get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
          // reported through hasNext
        }
      }
    };
  }
}
