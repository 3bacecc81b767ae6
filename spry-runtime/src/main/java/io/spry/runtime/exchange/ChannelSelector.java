package io.spry.runtime.exchange;

/**
 * Picks the channel of a record among a writer's channels. Implementations are per writer, so they
 * may keep state (a round-robin counter) without synchronisation.
 */
public interface ChannelSelector {
  /** Broadcast: the record goes to every channel. */
  int ALL = -1;

  /**
   * @return a channel index in {@code [0, numChannels)}, or {@link #ALL}
   */
  int select(Object record) throws Exception;

  /** Whether every record goes to every channel. */
  default boolean isBroadcast() {
    return false;
  }
}
