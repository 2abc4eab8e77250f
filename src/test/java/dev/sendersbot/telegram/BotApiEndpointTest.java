package dev.sendersbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class BotApiEndpointTest {

  @Test
  void takesTheDefaultPortOfTheScheme() {
    assertEquals(
        new BotApiEndpoint("https", "api.telegram.org", 443),
        BotApiEndpoint.of(URI.create("https://api.telegram.org")));
    assertEquals(
        new BotApiEndpoint("http", "localhost", 80),
        BotApiEndpoint.of(URI.create("http://localhost/")));
    assertEquals(
        new BotApiEndpoint("http", "127.0.0.1", 8081),
        BotApiEndpoint.of(URI.create("HTTP://127.0.0.1:8081")));
  }

  @Test
  void buildsTheFileUrlOnTheSameServer() {
    BotApiEndpoint e = BotApiEndpoint.of(URI.create("http://127.0.0.1:8081"));
    assertEquals(
        "http://127.0.0.1:8081/file/bot1:abc/documents/file_1.pdf",
        e.fileUrl("1:abc", "documents/file_1.pdf").toString());
  }

  @Test
  void refusesWhatTelegramBotsCannotAddress() {
    for (String bad :
        new String[] {
          "http://127.0.0.1:8081/proxy/telegram",
          "ftp://host",
          "http://host?x=1",
          "api.telegram.org",
          "http://host:0"
        }) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> BotApiEndpoint.of(URI.create(bad)), bad);
      assertTrue(e.getMessage().startsWith("telegram.api-url"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> BotApiEndpoint.of(null));
  }

  @Test
  void neverShowsUserInfoInItsMessage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BotApiEndpoint.of(URI.create("https://user:s3cret@api.telegram.org")));
    assertTrue(!e.getMessage().contains("s3cret"), e.getMessage());
  }

  @Test
  void neverShowsThePathWhereTheTokenIsOftenPut() {
    for (String bad :
        new String[] {
          "https://api.telegram.org/bot123456:AAHs3cretTokenPart",
          "https://api.telegram.org/bot123456:AAHs3cretTokenPart?x=1",
          "https://user:pw@api.telegram.org/bot123456:AAHs3cretTokenPart"
        }) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> BotApiEndpoint.of(URI.create(bad)), bad);
      assertTrue(!e.getMessage().contains("s3cret"), e.getMessage());
      assertTrue(e.getMessage().contains("api.telegram.org"), e.getMessage());
    }
  }
}
