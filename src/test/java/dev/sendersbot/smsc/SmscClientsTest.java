package dev.sendersbot.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmscClientsTest {

  final OkHttpClient shared = Fixtures.sharedClient();

  @AfterEach
  void stop() {
    Fixtures.close(shared);
  }

  @ParameterizedTest
  @CsvSource({
    "https://smsc.ru, https://www2.smsc.ru/",
    "https://smscentre.com/, https://www2.smscentre.com/",
    "https://www.smsc.ru, https://www2.smsc.ru/",
    "http://smsc.example.org:8080/api, http://www2.smsc.example.org:8080/api"
  })
  void theBackupHostIsWww2OfTheConfiguredHost(String base, String backup) {
    assertEquals(Optional.of(URI.create(backup)), SmscClients.backupOf(URI.create(base)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080",
        "http://[::1]:8080",
        "http://localhost:18080",
        "http://sandbox:8080",
        "https://www2.smsc.ru",
        "https://www3.smsc.ru"
      })
  void thereIsNoBackupForAddressesLocalHostsOrBackupsThemselves(String base) {
    assertEquals(Optional.empty(), SmscClients.backupOf(URI.create(base)));
  }

  // Why: a backup URL may carry a password of its own; the refusal must not print it.
  @Test
  void aBackupBaseUrlWithUserInfoIsRefusedWithoutEchoingIt() {
    SmscSettings settings = Fixtures.settings(URI.create("https://smsc.ru"), Duration.ofSeconds(1));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SmscClients.http(
                    settings, shared, URI.create("https://alex:hunter2@www2.smsc.ru")));

    assertEquals(
        "the backup base URL must be scheme, host, port and path only, without user info,"
            + " query or fragment",
        e.getMessage());
  }

  @Test
  void theClientDescribesItselfWithoutSecrets() {
    SendersApi withPassword =
        SmscClients.http(
            Fixtures.settings(URI.create("https://smsc.ru"), Duration.ofSeconds(1)), shared);
    SendersApi withKey =
        SmscClients.http(
            new SmscSettings(
                URI.create("https://smscentre.com"),
                Credentials.apiKey("key-123"),
                Duration.ofSeconds(1)),
            shared);

    assertEquals(
        "HttpSendersApi[https://smsc.ru/sys/senders.php, backup www2.smsc.ru, login alex]",
        withPassword.toString());
    assertEquals(
        "HttpSendersApi[https://smscentre.com/sys/senders.php, backup www2.smscentre.com,"
            + " api key]",
        withKey.toString());
  }

  @Test
  void theSharedClientIsLeftAsItWas() {
    SmscClients.http(
        Fixtures.settings(URI.create("https://smsc.ru"), Duration.ofMillis(1500)), shared);

    assertTrue(shared.retryOnConnectionFailure());
    assertTrue(shared.followRedirects());
    assertEquals(0, shared.callTimeoutMillis());
  }
}
