package io.spry.runtime.checkpoint;

import io.spry.runtime.state.NativeKeyedSnapshot;
import io.spry.runtime.state.StateSchema;
import java.util.List;
import java.util.Map;

/**
 * What one operator's subtask gets back on a restore, already shared out for its parallelism: the
 * keyed-state snapshots that may hold its key groups (a backend skips the other groups), and its
 * share of each operator state list with the schema its elements were written with.
 *
 * @param keyed keyed-state snapshots to read, possibly of several old subtasks
 * @param lists this subtask's elements of each named operator state list
 * @param schemas the schema of each list's elements, where the list has one
 * @param nativeKeyed native keyed snapshots (of an incremental checkpoint) that may hold its key
 *     groups, their files' sources resolved to where they are stored
 */
public record RestoredState(
    List<byte[]> keyed,
    Map<String, List<byte[]>> lists,
    Map<String, StateSchema> schemas,
    List<NativeKeyedSnapshot> nativeKeyed) {

  public static final RestoredState EMPTY = new RestoredState(List.of(), Map.of(), Map.of());

  public RestoredState(
      List<byte[]> keyed, Map<String, List<byte[]>> lists, Map<String, StateSchema> schemas) {
    this(keyed, lists, schemas, List.of());
  }

  /** The restored elements of a named list, or an empty list. */
  public List<byte[]> list(String name) {
    return lists.getOrDefault(name, List.of());
  }

  /** The schema the named list's elements were written with, or null. */
  public StateSchema schema(String name) {
    return schemas.get(name);
  }
}
