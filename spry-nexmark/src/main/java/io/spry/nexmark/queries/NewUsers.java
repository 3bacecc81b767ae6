package io.spry.nexmark.queries;

import io.spry.api.functions.CoGroupFunction;
import io.spry.api.functions.Collector;
import io.spry.nexmark.model.Auction;
import io.spry.nexmark.model.Person;

/**
 * q8's window co-group, keyed by person id = seller: a person who opened at least one auction in
 * the window of their registration is a new user (once, however many auctions).
 */
final class NewUsers implements CoGroupFunction<Person, Auction, NewUser> {
  private static final long serialVersionUID = 1L;

  private final long windowMillis;

  NewUsers(long windowMillis) {
    this.windowMillis = windowMillis;
  }

  @Override
  public void coGroup(
      Iterable<Person> persons, Iterable<Auction> auctions, Collector<NewUser> out) {
    if (!auctions.iterator().hasNext()) {
      return;
    }
    for (Person p : persons) {
      out.collect(new NewUser(p.id(), p.name(), windowStart(p.dateTime(), windowMillis)));
    }
  }

  static long windowStart(long timestamp, long windowMillis) {
    return Math.floorDiv(timestamp, windowMillis) * windowMillis;
  }
}
