package io.spry.runtime.checkpoint;

import java.util.List;
import java.util.Map;

/**
 * What one operator's subtask gets back on a restore, already shared out for its parallelism: the
 * keyed-state snapshots that may hold its key groups (a backend skips the other groups), and its
 * share of each operator state list.
 *
 * @param keyed keyed-state snapshots to read, possibly of several old subtasks
 * @param lists this subtask's elements of each named operator state list
 */
public record RestoredState(List<byte[]> keyed, Map<String, List<byte[]>> lists) {

  public static final RestoredState EMPTY = new RestoredState(List.of(), Map.of());

  /** The restored elements of a named list, or an empty list. */
  public List<byte[]> list(String name) {
    return lists.getOrDefault(name, List.of());
  }
}
