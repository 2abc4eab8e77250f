package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import dev.sendersbot.store.ButtonAction;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.telegram.FakeBotApi.Sent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /summary}: once a day at the chat's time, through the real messenger and fake Bot API. */
class DailySummaryEndToEndTest {
  static final long TEAM = -1001;
  static final long USER = 7;

  @TempDir Path dir;
  ChatWatchRig rig;

  @BeforeEach
  void start() {
    rig = new ChatWatchRig(dir); // 09:00 UTC, the chats' zone here
    rig.grant(TEAM, Role.VIEWER, null);
    rig.watcher.subscriptions().subscribe(TEAM, null, Set.of());
    rig.sandbox.seed("ALPHA", null, null, 1, Map.of("mts_step", 1, "mega_step", 2));
    rig.sandbox.seed("BETA", null, null, 1, Map.of("mts_step", 2));
    rig.poll();
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  private List<Sent> summaries() {
    return rig.telegram.sentTo(TEAM).stream()
        .filter(s -> FakeBotApi.visibleText(s.text()).startsWith("☀️ Summary"))
        .toList();
  }

  @Test
  void onceADayAtItsTimeWithCountsAndTheNamesNeedingActionEachWithItsCard() {
    assertTrue(rig.say(TEAM, USER, "/summary 09:30").startsWith("☀️ A summary every day at 09:30"));
    rig.clock.advance(Duration.ofMinutes(1));
    rig.sandbox.setOperatorStatus("ALPHA", null, "mts_step", 3);
    rig.poll();
    rig.drain();
    assertEquals(0, summaries().size(), "not before its time");

    rig.clock.advance(Duration.ofMinutes(30));
    rig.drain();
    assertEquals(1, summaries().size());
    Sent summary = summaries().get(0);
    String text = FakeBotApi.visibleText(summary.text());
    assertTrue(text.startsWith("☀️ Summary for 20 Nov 2026\n"), text);
    assertTrue(text.contains("1 change in the last 24 h."), text);
    assertTrue(text.contains("2 × allowed by the operator"), text);
    assertTrue(text.contains("1 × not accepted by the operator"), text);
    assertTrue(text.contains("Need action: ALPHA"), text);
    ButtonAction card =
        rig.stores
            .buttons()
            .find(summary.buttonData().get(0).get(0), rig.clock.instant())
            .orElseThrow();
    assertEquals("ALPHA", card.args(), "a card button per name needing action");

    rig.drain();
    rig.clock.advance(Duration.ofHours(3));
    rig.drain();
    assertEquals(1, summaries().size(), "once a day");
    rig.clock.advance(Duration.ofHours(21));
    rig.drain();
    assertEquals(2, summaries().size(), "the next day again: ALPHA still needs action");
  }

  @Test
  void aDayWithNothingToSayIsSkippedUnlessAlways() {
    rig.say(TEAM, USER, "/summary 09:30");
    rig.clock.advance(Duration.ofMinutes(31));
    rig.drain();
    assertEquals(0, summaries().size(), "nothing changed and nothing needs action");

    rig.say(TEAM, USER, "/summary 09:45 always");
    rig.clock.advance(Duration.ofMinutes(15));
    rig.drain();
    assertEquals(0, summaries().size(), "one decision a day: today's was made at 09:30");
    rig.clock.advance(Duration.ofDays(1));
    rig.drain();
    assertEquals(1, summaries().size(), "always, the next day");
    assertTrue(FakeBotApi.visibleText(summaries().get(0).text()).contains("No name needs action."));

    assertEquals("The daily summary is off.", rig.say(TEAM, USER, "/summary off"));
    rig.clock.advance(Duration.ofDays(1));
    rig.drain();
    assertEquals(1, summaries().size());
  }
}
