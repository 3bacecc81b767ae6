package io.spry.nexmark.loops;

import io.spry.nexmark.model.Event;
import io.spry.nexmark.model.Person;
import io.spry.nexmark.queries.NewUser;
import io.spry.nexmark.queries.Queries;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** q8: the current window's new persons and sellers; matched when the window ends. */
final class NewUsersLoop implements Loops.QueryLoop {
  private final long size = Queries.WINDOW.toMillis();
  private long window = Long.MIN_VALUE;
  private final List<Person> persons = new ArrayList<>();
  private final Set<Long> sellers = new HashSet<>();

  @Override
  public void onEvent(Event event, Consumer<Object> out) {
    if (event.isBid()) {
      return;
    }
    long w = Math.floorDiv(event.dateTime(), size);
    if (w != window) {
      onEnd(out);
      window = w;
    }
    if (event.isPerson()) {
      persons.add(event.person());
    } else {
      sellers.add(event.auction().seller());
    }
  }

  @Override
  public void onEnd(Consumer<Object> out) {
    for (Person p : persons) {
      if (sellers.contains(p.id())) {
        out.accept(new NewUser(p.id(), p.name(), window * size));
      }
    }
    persons.clear();
    sellers.clear();
  }
}
