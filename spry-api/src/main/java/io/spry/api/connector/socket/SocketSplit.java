package io.spry.api.connector.socket;

import io.spry.api.annotation.Public;
import io.spry.api.connector.source.SourceSplit;
import java.io.Serializable;
import java.util.Objects;

/**
 * The single split of a {@link SocketTextSource}: the connection. A socket cannot be replayed, so
 * it carries no position; a restored reader connects anew.
 *
 * @param address {@code host:port}
 */
@Public
public record SocketSplit(String address) implements SourceSplit, Serializable {
  public SocketSplit {
    Objects.requireNonNull(address, "address");
  }

  @Override
  public String splitId() {
    return address;
  }
}
