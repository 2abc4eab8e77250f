package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * {@code /add} and {@code /subscribe} checked against the chat's list, over the real gateway and
 * the SMSC sandbox: the list the gateway keeps fresh answers, and the provider is not asked.
 */
class FreshListNamesTest {
  static final long CHAT = -3001;
  static final long ALICE = 7;

  @TempDir Path dir;
  ChatWatchRig rig;

  @BeforeEach
  void start() {
    rig = new ChatWatchRig(dir);
    rig.grant(CHAT, Role.OPERATOR, null);
    rig.sandbox.seed("SHOP", null, null, 1, Map.of("mts_step", 1));
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  // Why: a duplicate went to the provider, came back as a vague error 5, and spent one of the
  // minute's four creations, so the next real /add had to wait.
  @Test
  void aNameTheFreshListHasIsToldWithoutAskingTheProvider() {
    rig.say(CHAT, ALICE, "/senders");
    int asked = rig.sandbox.requests().size();

    String reply = rig.say(CHAT, ALICE, "/add shop");

    assertTrue(reply.contains("SHOP is already among this chat's sender names"), reply);
    assertEquals(asked, rig.sandbox.requests().size(), "nothing asked of the provider");
    assertTrue(rig.say(CHAT, ALICE, "/add NEWSHOP").contains("Added NEWSHOP"));
  }

  @Test
  void withoutAFreshListTheProviderDecides() {
    String reply = rig.say(CHAT, ALICE, "/add SHOP");

    assertTrue(reply.contains("SMSC error 5"), reply);
  }

  // Why: "/subscribe nosuch" said it would notify about nosuch, with no hint that no such name
  // exists.
  @Test
  void subscribingToANameTheFreshListLacksSaysSo() {
    rig.say(CHAT, ALICE, "/senders");

    String reply = rig.say(CHAT, ALICE, "/subscribe SHOP NOSUCH");

    assertTrue(reply.contains("Not among this chat's sender names yet: NOSUCH."), reply);
    assertFalse(reply.contains("yet: SHOP"), reply);
  }
}
