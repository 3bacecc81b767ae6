package io.spry.api;

import io.spry.api.annotation.Public;
import java.time.Duration;
import java.util.Map;

/**
 * What a finished or cancelled job reports.
 *
 * @param jobId the job's id
 * @param jobName the name given to {@code execute}
 * @param status {@link JobStatus#FINISHED} or {@link JobStatus#CANCELED}
 * @param duration from submission to the end
 * @param counters every counter, summed over subtasks, by name
 */
@Public
public record JobResult(
    String jobId, String jobName, JobStatus status, Duration duration, Map<String, Long> counters) {

  /** A counter's value, or 0 when no subtask created it. */
  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }
}
