package io.spry.api.execution;

import io.spry.api.JobConfig;
import io.spry.api.annotation.Internal;
import io.spry.api.graph.Transformation;
import java.util.List;

/**
 * A job as the API hands it to the runtime: the logical graph and its settings.
 *
 * @param name the job's name
 * @param config a copy of the environment's settings
 * @param transformations every transformation, in creation order
 */
@Internal
public record JobSpec(String name, JobConfig config, List<Transformation<?>> transformations) {}
