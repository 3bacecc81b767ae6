package io.spry.api.execution;

import io.spry.api.annotation.Internal;

/**
 * Found through {@link java.util.ServiceLoader}: a runtime on the classpath registers one in {@code
 * META-INF/services/io.spry.api.execution.JobExecutorFactory}.
 */
@Internal
public interface JobExecutorFactory {
  JobExecutor create();
}
