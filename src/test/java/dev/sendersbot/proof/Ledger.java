package dev.sendersbot.proof;

import dev.sendersbot.smsc.sandbox.RecordedRequest;
import dev.sendersbot.telegram.FakeBotApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Commands whose every effect can be counted: a /id whose answer names a fresh user, an /add of a
 * fresh name whose answer names it and whose provider request carries it. After a fault, each must
 * have been answered exactly once and, for /add, have reached the provider exactly once.
 */
final class Ledger {
  private static final AtomicInteger NEXT = new AtomicInteger();

  /** One command: where, what, and the text only its answer contains. */
  record Entry(Fixtures.Chat chat, String text, String token, String addedName) {}

  private final FakeBotApi api;
  private final List<Entry> entries = new ArrayList<>();

  Ledger(FakeBotApi api) {
    this.api = api;
  }

  /** /id from a fresh user of the chat. */
  Entry id(Fixtures.Chat c) {
    long user = 739_800_000L + NEXT.incrementAndGet();
    api.enqueue(FakeBotApi.Msg.text(c.id(), user, "/id").chat(c.type(), c.key()));
    Entry e = new Entry(c, "/id", "Your user id: <code>" + user + "</code>", null);
    entries.add(e);
    return e;
  }

  /** /add of a fresh name in the chat's own namespace. */
  Entry add(Fixtures.Chat c) {
    String name = Fixtures.prefix(c.scope()) + "L" + NEXT.incrementAndGet();
    Chats.say(api, c, "/add " + name);
    Entry e = new Entry(c, "/add " + name, "Added <code>" + name + "</code>", name);
    entries.add(e);
    return e;
  }

  List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** Messages answering the entry, in any chat. */
  List<FakeBotApi.Sent> answers(Entry e) {
    return api.sent().stream()
        .filter(s -> s.text() != null && s.text().contains(e.token()))
        .toList();
  }

  /**
   * What is wrong: entries answered other than once in their chat (or where the chat moved to:
   * {@code moved} maps an old group id to its supergroup), or added other than once.
   */
  List<String> problems(List<RecordedRequest> requests, Map<Long, Long> moved) {
    List<String> out = new ArrayList<>();
    for (Entry e : entries) {
      List<FakeBotApi.Sent> a = answers(e);
      long where = moved.getOrDefault(e.chat().id(), e.chat().id());
      if (a.size() != 1 || a.get(0).chatId() != where) {
        out.add(
            e.chat().key()
                + " "
                + e.text()
                + ": answered "
                + a.size()
                + " time(s)"
                + (a.isEmpty() ? "" : ", in " + a.stream().map(FakeBotApi.Sent::chatId).toList()));
      }
      if (e.addedName() != null) {
        long adds =
            requests.stream()
                .filter(r -> "add".equals(r.operation()) && e.addedName().equals(r.param("sender")))
                .count();
        if (adds != 1) {
          out.add(e.chat().key() + " " + e.text() + ": " + adds + " add request(s)");
        }
      }
    }
    return out;
  }

  /** Whether every entry has an answer by now. */
  boolean allAnswered() {
    return entries.stream().allMatch(e -> !answers(e).isEmpty());
  }
}
