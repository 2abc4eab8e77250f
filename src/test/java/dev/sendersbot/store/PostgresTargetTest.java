package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The PostgreSQL login never shows: not in a name, not in an error. */
class PostgresTargetTest {
  static final String PASSWORD = "pg-PASSWORD-s3cret";

  @Test
  void theNameHasNeitherOptionsNorUserInfo() {
    assertEquals(
        "jdbc:postgresql://db:5432/bot",
        new PostgresTarget("jdbc:postgresql://db:5432/bot?ssl=true", "bot", PASSWORD).name());
    assertFalse(
        new PostgresTarget("jdbc:postgresql://db/bot", "bot", PASSWORD)
            .toString()
            .contains(PASSWORD));
  }

  @Test
  void aUrlWithThePasswordIsRefusedWithoutQuotingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new PostgresTarget("jdbc:postgresql://db/bot?password=" + PASSWORD, "bot", null));
    assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    assertTrue(e.getMessage().contains("storage.password"), e.getMessage());
  }

  // Nobody listens on the port: the error names the database, and only the database.
  @Test
  void anUnreachableServerFailsAtOnceNamingTheUrlButNotThePassword() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/bot";
    StoreException e =
        assertThrows(
            StoreException.class, () -> Database.open(new PostgresTarget(url, "bot", PASSWORD)));
    assertTrue(e.getMessage().contains("cannot connect to database " + url), e.getMessage());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains(PASSWORD), t.toString());
    }
  }
}
