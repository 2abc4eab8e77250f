package dev.sendersbot.smsc.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Who the sandbox lets in, and what it writes down when it does not. */
class CredentialsTest {
  private final Credentials credentials = new Credentials(options());

  /** Credentials read no time; the clock is fixed so that nothing here could. */
  private static SandboxOptions options() {
    return SandboxOptions.defaults()
        .withClock(Clock.fixed(Instant.parse("2026-12-31T23:59:50Z"), ZoneOffset.UTC));
  }

  private static Params query(String q) {
    return Params.read(false, q, null, new byte[0]);
  }

  @Test
  void letsInThePasswordOrItsLowerCaseMd5UnderTheLoginInAnyCase() {
    assertEquals("demo", credentials.authenticate(query("login=demo&psw=demo-password")));
    assertEquals("demo", credentials.authenticate(query("login=DeMo&psw=demo-password")));
    // md5("demo-password"), computed outside the sandbox
    assertEquals("4b4d9529148d8d9440d7e20c78287f69", Credentials.md5("demo-password"));
    assertEquals(
        "demo", credentials.authenticate(query("login=demo&psw=4b4d9529148d8d9440d7e20c78287f69")));
    assertNull(credentials.authenticate(query("login=demo&psw=4B4D9529148D8D9440D7E20C78287F69")));
  }

  @Test
  void answersWithTheAccountsOwnLoginWhateverCaseWasGiven() {
    assertEquals("demo", credentials.authenticate(query("login=DEMO&psw=demo-password")));
  }

  @Test
  void letsInTheApiKeyAloneAndLetsItDecideEvenNextToTheRightPassword() {
    String key = SandboxOptions.DEFAULT_API_KEY;
    assertEquals("demo", credentials.authenticate(query("apikey=" + key)));
    assertNull(credentials.authenticate(query("apikey=wrong&login=demo&psw=demo-password")));
    // An empty apikey is no key: the password is looked at.
    assertEquals("demo", credentials.authenticate(query("apikey=&login=demo&psw=demo-password")));
  }

  @Test
  void refusesEveryApiKeyWhenKeysAreOff() {
    Credentials noKeys = new Credentials(options().withApiKey(null));
    assertNull(noKeys.authenticate(query("apikey=" + SandboxOptions.DEFAULT_API_KEY)));
    assertEquals("api keys are disabled", noKeys.describeFailure(query("apikey=x")));
  }

  @Test
  void refusesMissingCredentials() {
    assertNull(credentials.authenticate(query("login=demo")));
    assertNull(credentials.authenticate(query("psw=demo-password")));
    assertNull(credentials.authenticate(query("")));
  }

  @Test
  void saysWhyItRefusedWithoutRepeatingTheSecret() {
    assertEquals("wrong api key", credentials.describeFailure(query("apikey=guess-123")));
    assertEquals("login or psw missing", credentials.describeFailure(query("login=demo")));
    assertEquals("wrong password", credentials.describeFailure(query("login=Demo&psw=guess-123")));
    String unknown = credentials.describeFailure(query("login=someone&psw=guess-123"));
    assertEquals("unknown login 'someone'", unknown);
    assertFalse(unknown.contains("guess-123"));
  }
}
