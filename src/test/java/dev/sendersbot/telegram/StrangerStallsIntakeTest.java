package dev.sendersbot.telegram;

import static org.awaitility.Awaitility.await;

import dev.sendersbot.store.Database;
import dev.sendersbot.store.SqliteBotState;
import dev.sendersbot.testing.TestClocks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README: "No chat can hold up another ... the bot keeps reading the updates of every other chat."
 * Two ways a stranger held up every chat while some other chat's command was still running (a
 * provider call of up to smsc.timeout, a gateway budget wait, a file download): a group upgrade,
 * whose migration waited for every unconfirmed update to finish, and a burst of a hundred messages,
 * which filled the window of updates getUpdates gives behind the one under way.
 */
class StrangerStallsIntakeTest {
  private static final long OWNER = 1;
  private static final long BUSY_CHAT = 1001;
  private static final long VIEWERS = -5002;
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private final OkHttpClient http = new OkHttpClient();
  private final List<AutoCloseable> open = new ArrayList<>();
  private final TestClocks.Ticking clock = TestClocks.ticking(TestClocks.NEW_YEAR_EVE);
  private final CountDownLatch release = new CountDownLatch(1);
  private FakeBotApi api;

  @BeforeEach
  void setUp() {
    api = FakeBotApi.start(clock);
  }

  @AfterEach
  void tearDown() throws Exception {
    release.countDown();
    Collections.reverse(open);
    for (AutoCloseable c : open) {
      c.close();
    }
    api.close();
  }

  /** As run wires it: the owner's and the busy chat are known, everyone else a stranger. */
  private TelegramTransport started(RecordingSink sink) {
    Database db = Database.open(dir.resolve("bot.db"));
    open.add(db);
    Set<Long> known = Set.of(OWNER, BUSY_CHAT, VIEWERS);
    TelegramTransport.Options options =
        new TelegramTransport.Options(
                Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(400), clock)
            .withFairness(Fairness.defaults().with(ChatPacing.NONE, known::contains));
    TelegramTransport t =
        new TelegramTransport(
            new TelegramSettings(api.token(), api.apiUrl()),
            new SqliteBotState(db),
            sink,
            http,
            options);
    open.add(t);
    t.start();
    return t;
  }

  /** A sink whose handling of the busy chat's command lasts until the test releases it. */
  private RecordingSink sinkWithABusyChat() {
    RecordingSink sink = new RecordingSink();
    sink.onHandle(
        in -> {
          if (in.chat().id() == BUSY_CHAT) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
    return sink;
  }

  // Why: UpdateReceiver.migrate waited, on the poll thread, until every unconfirmed update of every
  // chat had finished and no lane ran, not only the two chats it concerns. Anyone can create a
  // group, add the bot and upgrade it to a supergroup.
  @Test
  void aStrangersGroupUpgradeDoesNotHoldUpAnOwnersCommandBehindAnotherChatsLongCommand() {
    RecordingSink sink = sinkWithABusyChat();
    long busy = api.enqueueText(BUSY_CHAT, BUSY_CHAT, "/senders");
    started(sink);
    await().atMost(WAIT).until(() -> sink.updateIds().contains(busy));

    api.enqueueMigration(-5001, -1_005_001, 777);
    long owners = api.enqueueText(OWNER, OWNER, "/id");

    await().atMost(WAIT).until(() -> sink.updateIds().contains(owners));
  }

  // The same for a chat the bot knows (a viewers' group whose admin upgrades it): its migration
  // waits for its own updates only.
  @Test
  void aKnownGroupsUpgradeIsMadeWithoutWaitingForAnotherChatsLongCommand() {
    RecordingSink sink = sinkWithABusyChat();
    long busy = api.enqueueText(BUSY_CHAT, BUSY_CHAT, "/senders");
    started(sink);
    await().atMost(WAIT).until(() -> sink.updateIds().contains(busy));

    api.enqueueMigration(VIEWERS, -1_005_002, 777);
    long owners = api.enqueueText(OWNER, OWNER, "/id");

    await().atMost(WAIT).until(() -> sink.updateIds().contains(owners));
    await()
        .atMost(WAIT)
        .until(() -> sink.migrations().contains(new RecordingSink.Migration(VIEWERS, -1_005_002L)));
  }

  // Why: every update after the unconfirmed one counts against the 100-update window getUpdates
  // gives, parked and dropped ones included, so one stranger's burst of 100 messages stopped
  // polling for every chat until the running command ended.
  @Test
  void aStrangersBurstDoesNotStopPollingWhileAnotherChatsCommandRuns() {
    RecordingSink sink = sinkWithABusyChat();
    long busy = api.enqueueText(BUSY_CHAT, BUSY_CHAT, "/senders");
    started(sink);
    await().atMost(WAIT).until(() -> sink.updateIds().contains(busy));

    for (int i = 0; i < 100; i++) {
      api.enqueueText(-6001, 666, "spam " + i);
    }
    long owners = api.enqueueText(OWNER, OWNER, "/id");

    await().atMost(WAIT).until(() -> sink.updateIds().contains(owners));
  }
}
