package io.spry.nexmark.loops;

import io.spry.nexmark.model.Auction;
import io.spry.nexmark.model.Event;
import io.spry.nexmark.model.Person;
import io.spry.nexmark.queries.LocalItem;
import io.spry.nexmark.queries.Queries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** q3: local sellers by id, and the category-10 auctions still waiting for their seller. */
final class LocalItemLoop implements Loops.QueryLoop {
  private final Map<Long, Person> sellers = new HashMap<>();
  private final Map<Long, List<Auction>> waiting = new HashMap<>();

  @Override
  public void onEvent(Event event, Consumer<Object> out) {
    if (event.isPerson() && Queries.LOCAL_STATES.contains(event.person().state())) {
      Person p = event.person();
      sellers.put(p.id(), p);
      List<Auction> early = waiting.remove(p.id());
      if (early != null) {
        early.forEach(a -> out.accept(join(p, a)));
      }
    } else if (event.isAuction() && event.auction().category() == Queries.LOCAL_CATEGORY) {
      Auction a = event.auction();
      Person p = sellers.get(a.seller());
      if (p != null) {
        out.accept(join(p, a));
      } else {
        waiting.computeIfAbsent(a.seller(), s -> new ArrayList<>()).add(a);
      }
    }
  }

  private static LocalItem join(Person p, Auction a) {
    return new LocalItem(p.name(), p.city(), p.state(), a.id());
  }
}
