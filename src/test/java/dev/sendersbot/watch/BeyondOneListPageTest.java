package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.telegram.FakeBotApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account with more names than one list request returns ({@code cnt} is at most 15000): the
 * oldest name is only on the second page, which {@code prev_id} reaches. The SMSC sandbox over HTTP
 * on 127.0.0.1, the real client, gateway, watcher and chat core.
 */
class BeyondOneListPageTest {
  static final long CHAT = -4001;
  static final long ALICE = 7;

  @TempDir Path dir;
  ChatWatchRig rig;

  @BeforeEach
  void start() {
    rig = new ChatWatchRig(dir);
    rig.grant(CHAT, Role.OPERATOR, null);
    // Seeded first, so it is the oldest: newest first, it is the 15,001st name.
    rig.sandbox.seed("OLDEST", null, null, 1, Map.of("mts_step", 1));
    rig.clock.advance(Duration.ofMinutes(1));
    rig.sandbox.bulkSeed(ListQuery.MAX_CNT);
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void theChatsListAndCardReachTheNamesPastTheFirstPage() {
    String listed = rig.say(CHAT, ALICE, "/senders all OLDEST");
    assertFalse(listed.contains("No name starts with OLDEST"), listed);
    assertTrue(listed.contains("OLDEST"), listed);

    String card = rig.say(CHAT, ALICE, "/sender OLDEST");
    assertFalse(card.contains("is not among this chat"), card);
    assertTrue(
        rig.sandbox.requests().stream().anyMatch(r -> r.param("prev_id") != null),
        "the second page was asked with prev_id");
  }

  @Test
  void subscribingToANamePastTheFirstPageIsNotCalledUnknown() {
    rig.say(CHAT, ALICE, "/senders");

    String reply = rig.say(CHAT, ALICE, "/subscribe OLDEST");

    assertFalse(reply.contains("Not among this chat's sender names"), reply);
  }

  @Test
  void aStatusChangeOfANamePastTheFirstPageIsNotified() {
    rig.say(CHAT, ALICE, "/subscribe OLDEST");
    assertEquals(Poller.Outcome.BASELINE, rig.poll().outcome());
    for (int i = 1; i <= Poller.FULL_EVERY; i++) {
      rig.clock.advance(Duration.ofSeconds(10));
      if (i == Poller.FULL_EVERY) {
        // Changed just before a full poll, so the full list is the one that must carry it.
        rig.sandbox.setOperatorStatus("OLDEST", null, "mts_step", 2);
      }
      rig.clock.advance(ChatWatchRig.INTERVAL.minusSeconds(10));
      Poller.Result r = rig.poll();
      assertEquals(Poller.Outcome.POLLED, r.outcome(), String.valueOf(r.error()));
    }
    rig.drain();

    List<FakeBotApi.Sent> sent = rig.telegram.sentTo(CHAT);
    assertTrue(
        sent.stream().anyMatch(s -> FakeBotApi.visibleText(s.text()).contains("OLDEST")),
        "the chat heard of OLDEST's move: " + sent.stream().map(FakeBotApi.Sent::text).toList());
  }
}
