package io.spry.api.execution;

import io.spry.api.JobHandle;
import io.spry.api.annotation.Internal;

/** Runs jobs: the seam between the API and a runtime (embedded now, a cluster later). */
@Internal
public interface JobExecutor {

  /** Compiles and starts a job. Build-time errors (an invalid graph) throw here. */
  JobHandle submit(JobSpec job);

  /** The execution plan as text: chains, parallelism, edges. */
  String explain(JobSpec job);
}
