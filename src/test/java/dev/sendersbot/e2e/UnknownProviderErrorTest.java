package dev.sendersbot.e2e;

import static dev.sendersbot.e2e.Rig.OWNER;
import static dev.sendersbot.e2e.Rig.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, hole 8: a provider error code the bot does not know read "SMSC error 6 (error 6)",
 * which says neither that the code is unknown nor anything the provider did not already say.
 */
class UnknownProviderErrorTest {
  @TempDir Path dir;
  Rig rig;

  @BeforeEach
  void start() {
    rig = new Rig(dir);
    rig.start();
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void unknownProviderErrorSaysTheCodeIsUnknown() {
    // The sandbox describes a code it does not know as "error 6", as the reference gives none.
    rig.sandbox.failNext("add", 1, 6);
    String reply = visible(rig.say(OWNER, OWNER, "/add shop_six"));
    assertEquals(6, rig.requests("add").get(0).errorCode());

    assertEquals(
        "⚠️ SMSC error 6: an error code this bot does not know, sent without a"
            + " description. Try again later; if it persists, tell an owner.",
        reply);
    assertEquals("smsc error 6", rig.bot().stores().audit().recent(1).get(0).outcome());

    // What /status, the health check and the logs show of the provider's last error.
    String status = visible(rig.say(OWNER, OWNER, "/status"));
    assertTrue(
        status.contains(
            "Last error: adding a name: provider error 6, a code this bot does not"
                + " know, sent without a description"),
        status);
    assertFalse(status.contains("(error 6)"), status);
  }
}
