package io.spry.nexmark.model;

import java.io.Serializable;

/**
 * One Nexmark event: exactly one of {@link #person}, {@link #auction} and {@link #bid} is set, as
 * {@link #type} says. One small wrapper per event, no copies of the entity.
 */
public record Event(Type type, Person person, Auction auction, Bid bid) implements Serializable {

  /** What an event carries. */
  public enum Type {
    PERSON,
    AUCTION,
    BID
  }

  public Event {
    if (type == null) {
      throw new IllegalArgumentException("An event needs a type");
    }
    Object expected =
        switch (type) {
          case PERSON -> person;
          case AUCTION -> auction;
          case BID -> bid;
        };
    int set = (person != null ? 1 : 0) + (auction != null ? 1 : 0) + (bid != null ? 1 : 0);
    if (expected == null || set != 1) {
      throw new IllegalArgumentException(
          "A " + type + " event carries exactly one entity, its " + type.name().toLowerCase());
    }
  }

  public static Event of(Person person) {
    return new Event(Type.PERSON, person, null, null);
  }

  public static Event of(Auction auction) {
    return new Event(Type.AUCTION, null, auction, null);
  }

  public static Event of(Bid bid) {
    return new Event(Type.BID, null, null, bid);
  }

  public boolean isPerson() {
    return type == Type.PERSON;
  }

  public boolean isAuction() {
    return type == Type.AUCTION;
  }

  public boolean isBid() {
    return type == Type.BID;
  }

  /** The event time of the entity, in epoch milliseconds. */
  public long dateTime() {
    return switch (type) {
      case PERSON -> person.dateTime();
      case AUCTION -> auction.dateTime();
      case BID -> bid.dateTime();
    };
  }

  /** The entity's size as counted by the benchmark. */
  public int sizeInBytes() {
    return switch (type) {
      case PERSON -> person.sizeInBytes();
      case AUCTION -> auction.sizeInBytes();
      case BID -> bid.sizeInBytes();
    };
  }
}
