package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.Role;
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

/**
 * Mutes through the real parts: the chat core handles the 🔕 press under an alert sent by the
 * Telegram messenger to the fake Bot API, and the watcher holds back what the mute covers.
 */
class MuteEndToEndTest {
  static final long TEAM = -1001;
  static final long OTHER = -1002;
  static final long VIEWER_USER = 7;

  @TempDir Path dir;
  ChatWatchRig rig;

  @BeforeEach
  void start() {
    rig = new ChatWatchRig(dir);
    rig.grant(TEAM, Role.VIEWER, null);
    rig.grant(OTHER, Role.VIEWER, null);
    rig.watcher.subscriptions().subscribe(TEAM, null, Set.of());
    rig.watcher.subscriptions().subscribe(OTHER, null, Set.of());
    rig.sandbox.seed("ALPHA", null, null, 1, Map.of("mts_step", 1, "mega_step", 1));
    rig.sandbox.seed("BETA", null, null, 1, Map.of("mts_step", 1));
    rig.poll(); // the silent baseline
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  /** Moves a name's operator status in the sandbox, polls and sends, a minute later. */
  private void move(String name, String field, int code) {
    rig.clock.advance(ChatWatchRig.INTERVAL);
    rig.sandbox.setOperatorStatus(name, null, field, code);
    rig.poll();
    rig.drain();
  }

  private long editsIn(long chatId) {
    return rig.telegram.edits().stream().filter(e -> e.chatId() == chatId).count();
  }

  private List<String> texts(long chatId) {
    return rig.telegram.sentTo(chatId).stream().map(s -> FakeBotApi.visibleText(s.text())).toList();
  }

  @Test
  void aMutePressedOnAnAlertSilencesThatNameInThatChatOnlyForThatTimeWithOneSummary() {
    move("ALPHA", "mts_step", 3);
    Sent alert = rig.telegram.sentTo(TEAM).get(0);
    assertFalse(alert.disableNotification(), "a rejection rings");

    String toast = rig.press(TEAM, VIEWER_USER, alert, "🔕 1 h");
    assertTrue(toast.startsWith("🔕 Muted ALPHA until "), toast);
    AuditEntry audited = rig.auditOf(TEAM).get(rig.auditOf(TEAM).size() - 1);
    assertEquals("mute", audited.command());
    assertEquals(VIEWER_USER, audited.userId(), "the audit says who muted");

    int teamBefore = rig.telegram.sentTo(TEAM).size();
    long editsBefore = editsIn(TEAM);
    move("ALPHA", "mega_step", 3);
    move("ALPHA", "mts_step", 2);
    assertEquals(teamBefore, rig.telegram.sentTo(TEAM).size(), "nothing about ALPHA in TEAM");
    assertEquals(editsBefore, editsIn(TEAM), "not even an edit of its card");
    assertTrue(
        texts(OTHER).stream().anyMatch(t -> t.contains("ALPHA · Megafon")),
        "the other chat still hears of ALPHA: " + texts(OTHER));

    move("BETA", "mts_step", 2);
    assertTrue(
        texts(TEAM).get(texts(TEAM).size() - 1).contains("BETA · MTS"),
        "another name still reaches TEAM");
    int withBeta = rig.telegram.sentTo(TEAM).size();

    rig.clock.advance(Duration.ofMinutes(50)); // 53 minutes after the press
    rig.drain();
    assertEquals(withBeta, texts(TEAM).size(), "still muted before the hour is up");
    rig.clock.advance(Duration.ofMinutes(8));
    rig.drain();
    List<String> after = texts(TEAM);
    assertEquals(withBeta + 1, after.size(), "one summary when the mute ends");
    String summary = after.get(after.size() - 1);
    assertTrue(summary.startsWith("🔔 Mute ended for ALPHA"), summary);
    assertTrue(summary.contains("2 changes"), summary);
    assertTrue(summary.contains("ALPHA · Megafon: sent for registration → not accepted"), summary);
    assertTrue(summary.contains("ALPHA · MTS: not accepted by the operator → allowed"), summary);
    assertFalse(
        rig.telegram.sentTo(TEAM).get(after.size() - 1).disableNotification(),
        "it held back a rejection: it rings");

    rig.drain();
    assertEquals(after.size(), texts(TEAM).size(), "once");
    move("ALPHA", "mega_step", 2);
    assertTrue(
        editsIn(TEAM) > editsBefore || rig.telegram.sentTo(TEAM).size() > after.size(),
        "after the mute ALPHA is told again");
  }

  @Test
  void aMuteThatHeldNothingBackEndsWithoutAMessage() {
    move("ALPHA", "mts_step", 3);
    rig.press(TEAM, VIEWER_USER, rig.telegram.sentTo(TEAM).get(0), "🔕 1 h");
    int before = rig.telegram.sentTo(TEAM).size();
    rig.clock.advance(Duration.ofMinutes(61));
    rig.drain();
    assertEquals(before, rig.telegram.sentTo(TEAM).size());
  }

  @Test
  void muteAndUnmuteByCommandAndListThem() {
    assertTrue(rig.say(TEAM, VIEWER_USER, "/mutes").startsWith("Nothing is muted"));
    assertTrue(rig.say(TEAM, VIEWER_USER, "/mute ALPHA 30m").startsWith("🔕 Muted ALPHA"));
    assertTrue(rig.say(TEAM, VIEWER_USER, "/mutes").contains("ALPHA until"));
    move("ALPHA", "mts_step", 3);
    assertTrue(texts(TEAM).stream().noneMatch(t -> t.contains("ALPHA · MTS")));

    assertTrue(rig.say(TEAM, VIEWER_USER, "/unmute ALPHA").startsWith("🔔 Unmuted"));
    rig.drain();
    String last = texts(TEAM).get(texts(TEAM).size() - 1);
    assertTrue(last.startsWith("🔔 Mute ended for ALPHA"), last);
    assertTrue(last.contains("ALPHA · MTS: sent for registration → not accepted"), last);
  }

  @Test
  void duringQuietHoursEvenARejectionComesWithoutSoundAndNothingIsHeldBack() {
    // ChatWatchRig's clock starts at 09:00 UTC, the chats' zone here.
    assertTrue(
        rig.say(TEAM, VIEWER_USER, "/quiet 08:30-10:00").startsWith("🌙 Quiet hours 08:30-10:00"));
    move("ALPHA", "mts_step", 3);
    Sent quiet = rig.telegram.sentTo(TEAM).get(rig.telegram.sentTo(TEAM).size() - 1);
    assertTrue(FakeBotApi.visibleText(quiet.text()).contains("ALPHA · MTS"), "sent at once");
    assertTrue(quiet.disableNotification(), "without sound in quiet hours");
    Sent loud = rig.telegram.sentTo(OTHER).get(0);
    assertFalse(loud.disableNotification(), "another chat's hours are its own");

    assertEquals("Quiet hours are off.", rig.say(TEAM, VIEWER_USER, "/quiet off"));
    move("BETA", "mts_step", 3);
    List<Sent> team = rig.telegram.sentTo(TEAM);
    assertFalse(team.get(team.size() - 1).disableNotification(), "off: a rejection rings again");
  }
}
