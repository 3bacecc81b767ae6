package io.spry.runtime.local;

import io.spry.api.JobHandle;
import io.spry.api.execution.JobExecutor;
import io.spry.api.execution.JobSpec;
import io.spry.runtime.plan.PlanCompiler;

/** Runs jobs embedded in this JVM. */
public final class LocalExecutor implements JobExecutor {

  @Override
  public JobHandle submit(JobSpec job) {
    LocalJob j = new LocalJob(job);
    j.start();
    return j;
  }

  @Override
  public String explain(JobSpec job) {
    return PlanCompiler.compile(job).explain();
  }
}
