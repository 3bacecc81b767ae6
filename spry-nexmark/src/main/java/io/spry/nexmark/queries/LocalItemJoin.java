package io.spry.nexmark.queries;

import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedCoProcessFunction;
import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.nexmark.model.Auction;
import io.spry.nexmark.model.Person;

/**
 * q3's incremental join, keyed by person id = seller: the person is kept for ever; auctions that
 * arrive before their seller wait for it. Each (person, auction) pair is emitted once, whatever the
 * order of arrival. Like the SQL regular join, its state grows without bound.
 */
final class LocalItemJoin extends KeyedCoProcessFunction<Long, Person, Auction, LocalItem> {
  private static final long serialVersionUID = 1L;

  private transient ValueState<Person> seller;
  private transient ListState<Auction> waiting;

  @Override
  public void open() {
    seller = getRuntimeContext().getState(new ValueStateDescriptor<>("seller", Person.class));
    waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting", Auction.class));
  }

  @Override
  public void processElement1(Person person, Context ctx, Collector<LocalItem> out)
      throws Exception {
    seller.update(person);
    Iterable<Auction> early = waiting.get();
    if (early != null) {
      for (Auction auction : early) {
        out.collect(join(person, auction));
      }
      waiting.clear();
    }
  }

  @Override
  public void processElement2(Auction auction, Context ctx, Collector<LocalItem> out)
      throws Exception {
    Person person = seller.value();
    if (person != null) {
      out.collect(join(person, auction));
    } else {
      waiting.add(auction);
    }
  }

  static LocalItem join(Person person, Auction auction) {
    return new LocalItem(person.name(), person.city(), person.state(), auction.id());
  }
}
