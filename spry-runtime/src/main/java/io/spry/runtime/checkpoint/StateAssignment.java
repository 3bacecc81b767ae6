package io.spry.runtime.checkpoint;

import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.StateSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares out the state an operator's old subtasks wrote among its new subtasks, at any parallelism.
 *
 * <ul>
 *   <li>Keyed state (with timers): a new subtask reads the snapshots of every old subtask whose key
 *       groups overlap its own, and keeps only its key groups.
 *   <li>{@link SubtaskState.ListMode#SPLIT} lists: all old elements in subtask order, cut into
 *       {@code p} contiguous runs whose lengths differ by at most one.
 *   <li>{@link SubtaskState.ListMode#UNION} lists: every element to every subtask.
 *   <li>{@link SubtaskState.ListMode#BROADCAST} lists: the first old subtask's copy to every one.
 * </ul>
 */
public final class StateAssignment {
  private StateAssignment() {}

  /**
   * @param old the old subtasks' states by old subtask index (null where a subtask wrote nothing)
   */
  public static RestoredState assign(
      List<SubtaskState> old, int maxParallelism, int parallelism, int subtask) {
    KeyGroupRange mine = KeyGroups.rangeForOperator(maxParallelism, parallelism, subtask);
    List<byte[]> keyed = new ArrayList<>();
    List<io.spry.runtime.state.NativeKeyedSnapshot> natives = new ArrayList<>();
    for (int i = 0; i < old.size(); i++) {
      SubtaskState s = old.get(i);
      if (s == null) {
        continue;
      }
      KeyGroupRange theirs = KeyGroups.rangeForOperator(maxParallelism, old.size(), i);
      if (theirs.start() > mine.end() || theirs.end() < mine.start()) {
        continue;
      }
      if (s.keyed() != null) {
        keyed.add(s.keyed());
      }
      if (s.nativeKeyed() != null) {
        natives.add(s.nativeKeyed());
      }
    }
    Map<String, SubtaskState.ListMode> modes = new HashMap<>();
    Map<String, List<byte[]>> all = new HashMap<>();
    Map<String, List<byte[]>> first = new HashMap<>();
    Map<String, StateSchema> schemas = new HashMap<>();
    for (SubtaskState s : old) {
      if (s == null) {
        continue;
      }
      for (Map.Entry<String, SubtaskState.NamedList> e : s.lists().entrySet()) {
        SubtaskState.ListMode mode = e.getValue().mode();
        SubtaskState.ListMode before = modes.putIfAbsent(e.getKey(), mode);
        if (before != null && before != mode) {
          throw new IllegalStateException(
              "Operator state '" + e.getKey() + "' was written as both " + before + " and " + mode);
        }
        StateSchema schema = e.getValue().schema();
        if (first.containsKey(e.getKey())
            && !java.util.Objects.equals(schemas.get(e.getKey()), schema)) {
          // Only possible when some old subtasks requested the state and others did not, and the
          // state's type had changed before: the elements cannot be read by one reader.
          throw new IllegalStateException(
              "Operator state '"
                  + e.getKey()
                  + "' was written with different types by the old subtasks ("
                  + schemas.get(e.getKey())
                  + " and "
                  + schema
                  + "); restore the checkpoint before it, or request the state in every subtask");
        }
        if (schema != null) {
          schemas.put(e.getKey(), schema);
        }
        all.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue().elements());
        first.putIfAbsent(e.getKey(), e.getValue().elements());
      }
    }
    Map<String, List<byte[]>> lists = new HashMap<>();
    for (Map.Entry<String, SubtaskState.ListMode> e : modes.entrySet()) {
      String name = e.getKey();
      List<byte[]> elements = all.get(name);
      lists.put(
          name,
          switch (e.getValue()) {
            case UNION -> elements;
            case BROADCAST -> first.get(name);
            case SPLIT -> {
              int from = (int) ((long) elements.size() * subtask / parallelism);
              int to = (int) ((long) elements.size() * (subtask + 1) / parallelism);
              yield new ArrayList<>(elements.subList(from, to));
            }
          });
    }
    return new RestoredState(keyed, lists, schemas, natives);
  }
}
