package dev.sendersbot.watch;

import static dev.sendersbot.watch.ChatWatchRig.INTERVAL;
import static dev.sendersbot.watch.ChatWatchRig.OWNER;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /status} in a chat bound to a sub-client tells that sub-client's story only: its own reads
 * and failures, never another sub-client's names or errors. The poll runs against the SMSC sandbox,
 * which fails one sub-client's list with error 3.
 */
class ScopedStatusTest {
  static final long ALPHA_CHAT = -2001;
  static final long BETA_CHAT = -2002;
  static final long ALICE = 7;
  static final long BOB = 8;

  @TempDir Path dir;
  ChatWatchRig rig;

  @BeforeEach
  void start() {
    rig = new ChatWatchRig(dir);
    rig.grant(ALPHA_CHAT, Role.VIEWER, "alpha");
    rig.grant(BETA_CHAT, Role.OPERATOR, "beta-corp");
    rig.sandbox.seed("AlphaShop", "alpha", null, 1, Map.of("mts_step", 1));
    rig.sandbox.seed("BetaShop", "beta-corp", null, 1, Map.of("mts_step", 1));
    rig.sandbox.seed("SecretBeta", "beta-corp", null, 1, Map.of("mts_step", 1));
    rig.poll();
    rig.clock.advance(INTERVAL);
    rig.sandbox.failNextFor("beta-corp", "get", 1, 3);
    rig.poll();
    // A command of beta-corp's fails too: the gateway's last error is beta-corp's.
    assertTrue(rig.say(BETA_CHAT, BOB, "/add SecretBeta").contains("SMSC error 5"));
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void statusShowsOnlyTheChatsOwnSubClient() {
    String alpha = rig.say(ALPHA_CHAT, ALICE, "/status");
    assertAll(
        () -> assertFalse(alpha.contains("beta-corp"), alpha),
        () -> assertFalse(alpha.contains("error 3"), alpha),
        () ->
            assertFalse(
                alpha.contains("error 5") || alpha.contains("Last error"),
                "beta-corp's failed /add is beta-corp's business: " + alpha),
        () -> assertFalse(alpha.contains("Last poll failed"), "alpha's names were read: " + alpha),
        () ->
            assertTrue(
                alpha.contains("Last poll: 0 s ago"),
                "when alpha's own names were last read (the whole poll last succeeded a minute ago): "
                    + alpha));
  }

  @Test
  void aBoundChatStillHearsOfItsOwnTrouble() {
    String beta = rig.say(BETA_CHAT, BOB, "/status");
    assertTrue(beta.contains("Last poll failed: SMSC error 3"), beta);
    assertTrue(
        beta.contains("Last poll: 1 min ago"), "its names were last read a minute ago: " + beta);
    assertFalse(beta.contains("alpha"), beta);
  }

  // The account's list is refused (error 2) before alpha's is asked: alpha hears that its names
  // were not read and why, in words about the account, not about another sub-client.
  @Test
  void aBoundChatHearsWhenTheAccountStoppedThePoll() {
    rig.clock.advance(INTERVAL);
    rig.sandbox.failNext("get", 1, 2);
    rig.poll();

    String alpha = rig.say(ALPHA_CHAT, ALICE, "/status");
    assertTrue(alpha.contains("Provider calls are paused: credentials rejected"), alpha);
    // The alpha sub-client was not read because the account was stopped: it is told why, in
    // words that name no other sub-client.
    assertTrue(
        alpha.contains(
            "Last poll failed: not read: the provider refused the account's credentials"),
        alpha);
    assertFalse(alpha.contains("beta-corp"), alpha);
  }

  @Test
  void anOwnerSeesEverySubClientsTrouble() {
    String owner = rig.say(OWNER, OWNER, "/status");
    assertTrue(owner.contains("sub-client beta-corp: SMSC error 3"), owner);
    assertTrue(
        owner.contains("Last error: adding a name: provider error 5"),
        "the gateway's last error: " + owner);
  }
}
