package dev.sendersbot.e2e;

import static dev.sendersbot.e2e.Rig.OWNER;
import static dev.sendersbot.e2e.Rig.visible;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import dev.sendersbot.telegram.FakeBotApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, hole 1, with the whole bot: a stranger's or a chatty group's flood must not hold up an
 * owner's command. Telegram's limits are enforced; the bot paces each chat's replies at one a
 * second, so how many replies the flooding chat got before the owner's is a measure of the wait.
 */
class FloodEndToEndTest {
  @TempDir Path dir;
  Rig rig;

  @BeforeEach
  void start() {
    rig = new Rig(dir);
    rig.telegram.enforceLimits();
    rig.start();
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  // Before: 140 messages of one unknown chat delayed the owner's /id by 42 s, that is behind 41
  // of the stranger's paced replies.
  @Test
  void strangerFloodDoesNotDelayOwnersCommand() throws Exception {
    long stranger = 9_001;
    for (int i = 1; i <= 140; i++) {
      rig.telegram.enqueueText(stranger, stranger, "hello " + i);
    }
    rig.telegram.enqueueText(OWNER, OWNER, "/id");

    String id = visible(rig.awaitMessages(OWNER, 1).get(0));
    int strangerReplies = rig.telegram.sentTo(stranger).size();
    assertTrue(id.contains(Long.toString(OWNER)), id);
    assertTrue(
        strangerReplies <= 3,
        "the owner waited behind " + strangerReplies + " of the stranger's replies");
    // The stranger's backlog is bounded: what did not fit is dropped and counted in /metrics.
    await()
        .atMost(Rig.WAIT)
        .until(
            () ->
                figure("sendersbot_backlog_parked_total")
                        + figure("sendersbot_backlog_dropped_total")
                    == 139);
    assertTrue(figure("sendersbot_backlog_dropped_total") >= 100, metrics());
    assertEquals(0, rig.telegram.violations(), "Telegram's limits kept");
  }

  // Before: 112 /help of one group delayed the owner by 13 s (a group gets 20 replies a minute).
  @Test
  void chattyGroupDoesNotHoldTheWindow() throws Exception {
    long team = -100_123;
    rig.grant(team, Role.VIEWER);
    for (int i = 1; i <= 112; i++) {
      rig.telegram.enqueue(FakeBotApi.Msg.text(team, 500 + i % 5, "/help").chat("group", "Team"));
    }
    rig.telegram.enqueueText(OWNER, OWNER, "/id");

    String id = visible(rig.awaitMessages(OWNER, 1).get(0));
    int groupReplies = rig.telegram.sentTo(team).size();
    assertTrue(id.contains(Long.toString(OWNER)), id);
    assertTrue(
        groupReplies <= 3, "the owner waited behind " + groupReplies + " of the group's replies");
    // A known chat's commands are kept to be answered, none dropped.
    await().atMost(Rig.WAIT).until(() -> figure("sendersbot_backlog_parked_total") >= 100);
    assertEquals(0.0, figure("sendersbot_backlog_dropped_total"), metrics());
    assertEquals(0, rig.telegram.violations(), "Telegram's limits kept");
  }

  private double figure(String series) throws IOException, InterruptedException {
    for (String line : metrics().split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    throw new AssertionError(series + " not in /metrics");
  }

  private String metrics() throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://" + rig.bot().opsAddress() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return r.body();
  }
}
