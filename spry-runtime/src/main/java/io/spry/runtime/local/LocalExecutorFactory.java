package io.spry.runtime.local;

import io.spry.api.execution.JobExecutor;
import io.spry.api.execution.JobExecutorFactory;

/** Registered through {@code META-INF/services}: the embedded runtime. */
public final class LocalExecutorFactory implements JobExecutorFactory {
  @Override
  public JobExecutor create() {
    return new LocalExecutor();
  }
}
