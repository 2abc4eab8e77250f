package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.access.Role;
import dev.sendersbot.smsc.sandbox.NameSeed;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An e-mail sender ({@code mail=1}) is a sender name of the account: the list shows it, so its
 * card, comment and deletion must reach it too. The SMSC sandbox over HTTP on 127.0.0.1.
 */
class EmailSenderNamesTest {
  static final long CHAT = -5001;
  static final long ALICE = 7;
  static final String MAIL = "shop@example.com";

  @TempDir Path dir;
  ChatWatchRig rig;

  @BeforeEach
  void start() {
    rig = new ChatWatchRig(dir);
    rig.grant(CHAT, Role.OPERATOR, null);
    rig.sandbox.seed(NameSeed.of(MAIL));
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void anEmailSenderTheListShowsHasACardAndTakesAComment() {
    assertTrue(rig.say(CHAT, ALICE, "/senders").contains(MAIL));

    String card = rig.say(CHAT, ALICE, "/sender " + MAIL);
    assertFalse(card.contains("Usage:") || card.contains("is not among"), card);
    assertTrue(card.contains(MAIL), card);

    String changed = rig.say(CHAT, ALICE, "/chg " + MAIL + " the shop's mail");
    assertFalse(changed.contains("Usage:"), changed);
    assertEquals("the shop's mail", rig.sandbox.name(MAIL, null).orElseThrow().comment());
  }
}
