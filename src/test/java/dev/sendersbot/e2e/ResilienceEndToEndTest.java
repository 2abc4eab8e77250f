package dev.sendersbot.e2e;

import static dev.sendersbot.e2e.Rig.OWNER;
import static dev.sendersbot.e2e.Rig.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.telegram.FakeBotApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart, Telegram's flood control, and the watcher's alert, with the whole bot. */
class ResilienceEndToEndTest {
  @TempDir Path dir;
  Rig rig;

  @BeforeEach
  void start() {
    rig = new Rig(dir);
    rig.sandbox.seed("SHOP24", null, "main brand", 1, Map.of("mts_step", 2, "mega_step", 2));
    rig.start();
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void aRestartHandlesNoUpdateTwiceEvenWhenTheServerOffersThemAgain() {
    assertTrue(visible(rig.say(OWNER, OWNER, "/add restart_1")).contains("Added restart_1"));
    rig.bot().close();
    // As a Bot API server that lost the confirmation would: every handled update comes again.
    assertTrue(rig.telegram.replayConfirmed() >= 1);
    rig.start();

    String id = visible(rig.say(OWNER, OWNER, "/id"));
    assertTrue(id.contains("Chat id: " + OWNER), id);
    assertEquals(2, rig.telegram.sentTo(OWNER).size(), "the /add answered once, then /id");
    assertEquals(1, rig.requests("add").size(), "the provider was asked to add once");
    assertEquals(
        1,
        rig.bot().stores().audit().recent(10).stream()
            .filter(e -> e.command().equals("add"))
            .count());
  }

  @Test
  void aTooManyRequestsFromSendMessageIsWaitedOutAndTheReplyStillArrives() {
    rig.telegram.failNext("sendMessage", 1, FakeBotApi.Failure.tooManyRequests(1));
    long start = System.nanoTime();
    String id = visible(rig.say(OWNER, OWNER, "/id"));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertTrue(id.contains("Chat id: " + OWNER), id);
    List<FakeBotApi.Call> tries = rig.telegram.calls("sendMessage");
    assertEquals(2, tries.size(), "refused once with retry_after, then sent");
    assertEquals(
        tries.get(0).text("text"), tries.get(1).text("text"), "the same reply, sent again");
    assertTrue(
        took.compareTo(Duration.ofMillis(1000)) >= 0, "waited the retry_after second: " + took);
    assertEquals(1, rig.telegram.sentTo(OWNER).size(), "delivered once");
  }

  @Test
  void aRejectedNameRaisesAnAudibleAlertWhoseButtonOpensTheCard() {
    assertTrue(visible(rig.say(OWNER, OWNER, "/subscribe")).contains("every"));
    rig.sandbox.setOperatorStatus("SHOP24", null, "mega_step", 3);
    // The watcher polls at start: a restart makes the poll now, against the snapshot it kept.
    rig.restart();

    FakeBotApi.Sent alert = rig.awaitMessages(OWNER, 2).get(1);
    String text = visible(alert);
    assertTrue(
        text.contains("SHOP24")
            && text.contains("Megafon")
            && text.contains("not accepted by the operator"),
        text);
    assertFalse(alert.disableNotification(), "a rejection is audible");
    assertTrue(alert.buttonTexts().toString().contains("SHOP24"), alert.buttonTexts().toString());

    int before = rig.telegram.sentTo(OWNER).size();
    long press =
        rig.telegram.enqueueCallback(OWNER, OWNER, alert.messageId(), Rig.data(alert, "SHOP24"));
    rig.awaitAnswer(press);
    String card = visible(rig.awaitMessages(OWNER, before + 1).get(before));
    assertTrue(card.contains("Id: " + rig.sandbox.idOf("SHOP24", null)), card);
    assertTrue(card.contains("Megafon: not accepted by the operator"), card);
    assertTrue(card.contains("MTS: allowed by the operator"), card);
  }
}
