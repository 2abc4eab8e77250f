package dev.sendersbot.proof;

import static org.awaitility.Awaitility.await;

import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.telegram.FakeBotApi.Msg;
import java.time.Duration;
import java.util.List;

/** Talking to the bot as a fixture chat's first user would, through the fake Bot API. */
final class Chats {
  private Chats() {}

  /** Enqueues a text from the chat's first user; returns the update id. */
  static long say(FakeBotApi api, Fixtures.Chat c, String text) {
    long user = c.users().get(0);
    Msg m =
        Msg.text(c.id(), user, text)
            .from(Fixtures.username(user), "U" + user)
            .chat(c.type(), c.key());
    if (c.topic() != null) {
      m.topic(c.topic());
    }
    return api.enqueue(m);
  }

  /** Says {@code text} and waits for the chat's next message; returns its text. */
  static String ask(FakeBotApi api, Fixtures.Chat c, String text, Duration atMost) {
    int before = api.sentTo(c.id()).size();
    say(api, c, text);
    return next(api, c, before, atMost).text();
  }

  /** Waits for the chat's message number {@code index} (0-based, in order sent). */
  static FakeBotApi.Sent next(FakeBotApi api, Fixtures.Chat c, int index, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> api.sentTo(c.id()).size() > index);
    return api.sentTo(c.id()).get(index);
  }

  /** The chat's messages from number {@code from} on. */
  static List<FakeBotApi.Sent> since(FakeBotApi api, Fixtures.Chat c, int from) {
    List<FakeBotApi.Sent> all = api.sentTo(c.id());
    return all.subList(Math.min(from, all.size()), all.size());
  }
}
