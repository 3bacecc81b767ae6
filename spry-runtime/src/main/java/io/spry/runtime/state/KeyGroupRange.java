package io.spry.runtime.state;

/**
 * The contiguous key groups {@code [start, end]} (both inclusive) that one subtask owns. Empty when
 * {@code end < start}.
 */
public record KeyGroupRange(int start, int end) {

  public int size() {
    return Math.max(0, end - start + 1);
  }

  public boolean contains(int keyGroup) {
    return keyGroup >= start && keyGroup <= end;
  }

  @Override
  public String toString() {
    return "KeyGroupRange[" + start + ".." + end + "]";
  }
}
