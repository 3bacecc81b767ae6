package io.spry.api.checkpoint;

import io.spry.api.annotation.Public;

/**
 * One completed checkpoint, as the job handle reports it.
 *
 * @param id the checkpoint's number, rising from 1 in each job
 * @param savepoint whether it was a savepoint
 * @param triggerTimestamp when it was triggered, epoch millis on the job's clock
 * @param durationMillis from the trigger to the manifest being written
 * @param sizeBytes the bytes written for it (state files and manifest; for an incremental
 *     checkpoint, only the shared files it uploaded, not those it reuses from earlier checkpoints)
 * @param alignmentMillis the longest time a task spent aligning barriers for it
 * @param slowestSubtask the task that acknowledged last, e.g. {@code Window -> Sink (2/4)}
 * @param slowestSyncMillis the longest synchronous part of a snapshot on a processing thread
 * @param path where it lives
 */
@Public
public record CheckpointStats(
    long id,
    boolean savepoint,
    long triggerTimestamp,
    long durationMillis,
    long sizeBytes,
    long alignmentMillis,
    String slowestSubtask,
    long slowestSyncMillis,
    String path) {}
