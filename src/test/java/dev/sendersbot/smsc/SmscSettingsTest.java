package dev.sendersbot.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's own settings: refused when they cannot make a request, and never a secret shown. */
class SmscSettingsTest {

  static final URI SMSC = URI.create("https://smsc.ru");
  static final Duration SECOND = Duration.ofSeconds(1);

  @Test
  void settingsWithoutCredentialsAreRefused() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> new SmscSettings(SMSC, null, SECOND));

    assertEquals("SMSC credentials", e.getMessage());
  }

  @Test
  void aNonPositiveTimeoutIsRefusedNamingIt() {
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> Fixtures.settings(SMSC, Duration.ZERO));
    IllegalArgumentException negative =
        assertThrows(
            IllegalArgumentException.class, () -> Fixtures.settings(SMSC, Duration.ofSeconds(-1)));

    assertEquals("the SMSC timeout must be positive: PT0S", zero.getMessage());
    assertEquals("the SMSC timeout must be positive: PT-1S", negative.getMessage());
  }

  // Why: a base URL may carry a password of its own; the refusal must not print it.
  @Test
  void aBaseUrlWithUserInfoOrAQueryIsRefusedWithoutEchoingIt() {
    for (String url :
        new String[] {
          "https://alex:hunter2@smsc.ru", "https://smsc.ru/?psw=hunter2", "https://smsc.ru/#hunter2"
        }) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> Fixtures.settings(URI.create(url), SECOND));

      assertTrue(e.getMessage().startsWith("the SMSC base URL must be"), e.getMessage());
      assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
  }

  @Test
  void aBaseUrlThatIsNotHttpIsRefusedNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Fixtures.settings(URI.create("ftp://smsc.ru"), SECOND));

    assertEquals("the SMSC base URL must be an http or https URL: ftp://smsc.ru", e.getMessage());
  }

  @Test
  void requestsGoToTheScriptUnderTheBaseUrlAndItsPath() {
    assertEquals(
        "https://smsc.ru/sys/senders.php", Fixtures.settings(SMSC, SECOND).endpoint().toString());
    assertEquals(
        "http://127.0.0.1:8080/smsc/sys/senders.php",
        Fixtures.settings(URI.create("http://127.0.0.1:8080/smsc/"), SECOND).endpoint().toString());
  }

  @Test
  void theSettingsPrintWithoutTheirSecret() {
    SmscSettings password = Fixtures.settings(SMSC, SECOND);
    SmscSettings apiKey = Fixtures.apiKeySettings(SMSC, SECOND);

    assertEquals(
        "SmscSettings[baseUrl=https://smsc.ru,"
            + " credentials=Credentials[login alex, password ****], timeout=PT1S]",
        password.toString());
    assertEquals(
        "SmscSettings[baseUrl=https://smsc.ru, credentials=Credentials[api key ****],"
            + " timeout=PT1S]",
        apiKey.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void blankCredentialsAreRefusedNamingWhatIsMissingButNotASecret(String blank) {
    IllegalArgumentException login =
        assertThrows(
            IllegalArgumentException.class, () -> Credentials.password(blank, Fixtures.PASSWORD));
    IllegalArgumentException password =
        assertThrows(
            IllegalArgumentException.class, () -> Credentials.password(Fixtures.LOGIN, blank));
    IllegalArgumentException key =
        assertThrows(IllegalArgumentException.class, () -> Credentials.apiKey(blank));

    assertEquals("an SMSC login must not be empty: '" + blank + "'", login.getMessage());
    assertFalse(login.getMessage().contains(Fixtures.PASSWORD), login.getMessage());
    assertEquals("the SMSC password for login 'alex' is empty", password.getMessage());
    assertEquals("an SMSC API key must not be empty", key.getMessage());
  }

  @Test
  void absentCredentialsAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> Credentials.password(null, Fixtures.PASSWORD));
    assertThrows(IllegalArgumentException.class, () -> Credentials.password(Fixtures.LOGIN, null));
    assertThrows(IllegalArgumentException.class, () -> Credentials.apiKey(null));
  }

  // Why: the settings are a record; equal settings must mean the same account signing in.
  @Test
  void credentialsCompareByLoginAndSecret() {
    assertEquals(Credentials.password("alex", "a"), Credentials.password("alex", "a"));
    assertEquals(
        Credentials.password("alex", "a").hashCode(), Credentials.password("alex", "a").hashCode());
    assertNotEquals(Credentials.password("alex", "a"), Credentials.password("alex", "b"));
    assertNotEquals(Credentials.password("alex", "a"), Credentials.password("bob", "a"));
    assertNotEquals(Credentials.apiKey("a"), Credentials.password("alex", "a"));
    assertEquals(Fixtures.settings(SMSC, SECOND), Fixtures.settings(SMSC, SECOND));
  }
}
