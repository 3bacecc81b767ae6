package io.spry.runtime.local;

import io.spry.api.JobHandle;
import io.spry.api.annotation.Internal;
import io.spry.api.execution.JobExecutor;
import io.spry.api.execution.JobSpec;
import io.spry.runtime.plan.PlanCompiler;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs embedded in this JVM.
 *
 * <p>Tools that control the jobs of their JVM (the {@code spry} command's control server) learn of
 * each job through a {@link SubmitListener}, since a job's {@code main} keeps its {@link JobHandle}
 * to itself ({@code env.execute()} never returns it).
 */
public final class LocalExecutor implements JobExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(LocalExecutor.class);
  private static final List<SubmitListener> LISTENERS = new CopyOnWriteArrayList<>();

  /** Told of every job this JVM's embedded executor starts. */
  @Internal
  @FunctionalInterface
  public interface SubmitListener {
    /**
     * {@code job} has started. Called on the thread that submitted it, after its threads started,
     * so a short job may have ended already ({@code job.result()} is then complete). Must return
     * quickly; what it throws is logged and ignored: a listener cannot stop a job from running.
     */
    void submitted(JobSpec spec, JobHandle job);
  }

  /** From now on, {@code listener} hears of every job submitted in this JVM. */
  @Internal
  public static void addSubmitListener(SubmitListener listener) {
    LISTENERS.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Undoes {@link #addSubmitListener}. */
  @Internal
  public static void removeSubmitListener(SubmitListener listener) {
    LISTENERS.remove(listener);
  }

  @Override
  public JobHandle submit(JobSpec job) {
    LocalJob j = new LocalJob(job);
    j.start();
    for (SubmitListener l : LISTENERS) {
      try {
        l.submitted(job, j);
      } catch (RuntimeException e) {
        LOG.warn("A submit listener failed on job '{}' ({})", j.jobName(), j.jobId(), e);
      }
    }
    return j;
  }

  @Override
  public String explain(JobSpec job) {
    return PlanCompiler.compile(job).explain();
  }
}
