package io.spry.runtime.local;

import io.spry.api.graph.Partitioning;

/** Test access to the channel layout of an edge. */
public final class DeploymentTargets {
  private DeploymentTargets() {}

  public static int[] of(Partitioning.Kind kind, int u, int up, int down) {
    return Deployment.targets(kind, u, up, down);
  }
}
