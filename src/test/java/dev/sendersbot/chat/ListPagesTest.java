package dev.sendersbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sendersbot.i18n.Lang;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.smsc.Sender;
import java.time.ZoneOffset;
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

  private static final Texts EN = Texts.of(Lang.EN, ZoneOffset.UTC);

  private static Sender sender(long id, String name) {
    return new Sender(id, name, 1, Map.of(), Map.of());
  }

  @Test
  void theSameListRendersOnceAndAnotherListIsRenderedAfresh() {
    List<Sender> cached = List.of(sender(1, "SHOP24"));
    ListPages.Shown first = pages.get(cached, false, "", EN, make);
    assertSame(first, pages.get(cached, false, "", EN, make));
    assertEquals(1, made.get());

    // What the gateway hands out once it has learned of an add: a new list, the name in it.
    List<Sender> learned = new ArrayList<>(cached);
    learned.add(0, sender(2, "NEWNAME"));
    ListPages.Shown after = pages.get(List.copyOf(learned), false, "", EN, make);
    assertEquals(List.of("NEWNAME", "SHOP24"), after.lines());
    assertEquals(2, made.get());
  }

  @Test
  void anEqualListFromAnotherAnswerAnotherFilterAndAnotherLanguageAreRenderedForThemselves() {
    List<Sender> a = List.of(sender(1, "SHOP24"));
    pages.get(a, false, "", EN, make);
    pages.get(List.of(sender(1, "SHOP24")), false, "", EN, make);
    pages.get(a, true, "", EN, make);
    pages.get(a, false, "sh", EN, make);
    assertEquals(4, made.get());
    pages.get(a, false, "", EN.in(Lang.RU), make);
    assertEquals(5, made.get(), "a Russian reader's lines are not an English one's");
  }

  @Test
  void keepsOnlyTheLastFewLists() {
    List<List<Sender>> lists = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      lists.add(List.of(sender(i, "N" + i)));
      pages.get(lists.get(i), false, "", EN, make);
    }
    pages.get(lists.get(4), false, "", EN, make);
    assertEquals(5, made.get(), "the newest is kept");
    pages.get(lists.get(0), false, "", EN, make);
    assertEquals(6, made.get(), "the oldest was let go");
  }
}
