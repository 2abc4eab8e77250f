package dev.sendersbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sendersbot.smsc.Sender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The rendered /senders lines kept per list object: never stale, made once per list in use. */
class ListPagesTest {
  private final ListPages pages = new ListPages();
  private final AtomicInteger made = new AtomicInteger();

  private final Function<List<Sender>, ListPages.Shown> make =
      list -> {
        made.incrementAndGet();
        List<String> lines = list.stream().map(Sender::name).toList();
        return new ListPages.Shown(list, lines, List.of(List.of()));
      };

  private static Sender sender(long id, String name) {
    return new Sender(id, name, 1, Map.of(), Map.of());
  }

  @Test
  void theSameListRendersOnceAndAnotherListIsRenderedAfresh() {
    List<Sender> cached = List.of(sender(1, "SHOP24"));
    ListPages.Shown first = pages.get(cached, false, "", make);
    assertSame(first, pages.get(cached, false, "", make));
    assertEquals(1, made.get());

    // What the gateway hands out once it has learned of an add: a new list, the name in it.
    List<Sender> learned = new ArrayList<>(cached);
    learned.add(0, sender(2, "NEWNAME"));
    ListPages.Shown after = pages.get(List.copyOf(learned), false, "", make);
    assertEquals(List.of("NEWNAME", "SHOP24"), after.lines());
    assertEquals(2, made.get());
  }

  @Test
  void anEqualListFromAnotherAnswerAndAnotherFilterAreRenderedForThemselves() {
    List<Sender> a = List.of(sender(1, "SHOP24"));
    pages.get(a, false, "", make);
    pages.get(List.of(sender(1, "SHOP24")), false, "", make);
    pages.get(a, true, "", make);
    pages.get(a, false, "sh", make);
    assertEquals(4, made.get());
  }

  @Test
  void keepsOnlyTheLastFewLists() {
    List<List<Sender>> lists = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      lists.add(List.of(sender(i, "N" + i)));
      pages.get(lists.get(i), false, "", make);
    }
    pages.get(lists.get(4), false, "", make);
    assertEquals(5, made.get(), "the newest is kept");
    pages.get(lists.get(0), false, "", make);
    assertEquals(6, made.get(), "the oldest was let go");
  }
}
