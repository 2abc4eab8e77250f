package dev.sendersbot.smsc.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** send_code and check_code against a name store, without HTTP. */
class CodesTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final String PHONE = "79991112233";

  private final FakeClock clock = new FakeClock(T0);
  private final NameStore store =
      new NameStore(clock, new AutoProgress(SandboxOptions.defaults().withClock(clock)));

  private Codes codes(long seed) {
    return new Codes(store, new Random(seed));
  }

  private static Params query(String q) {
    return Params.read(false, q, null, new byte[0]);
  }

  private static int code(org.junit.jupiter.api.function.Executable e) {
    return assertThrows(ApiError.class, e).code();
  }

  @Test
  void textsSixDigitsRepeatablyForTheSameSeed() throws ApiError {
    Codes a = codes(7);
    Codes b = codes(7);
    a.send(query("sender=%2B" + PHONE + "&site_name=Shop"), null, T0);
    b.send(query("sender=" + PHONE), null, T0);
    SentCode sent = a.sent().get(0);
    assertEquals(PHONE, sent.phone());
    assertTrue(sent.code().matches("[1-9][0-9]{5}"), sent.code());
    assertEquals("Code: " + sent.code() + " (Shop)", sent.text());
    assertEquals(sent.code(), b.sent().get(0).code());
  }

  @Test
  void confirmsTheNumberAsAnAllowedDigitalNameOfTheOwnerWhoAsked() throws ApiError {
    Codes c = codes(1);
    c.send(query("sender=" + PHONE), "branch1", T0);
    String sent = c.sent().get(0).code();
    c.check(query("sender=" + PHONE + "&code=" + sent), "branch1", T0.plusSeconds(60));
    SandboxName n = store.name(PHONE, "branch1").orElseThrow();
    assertEquals(1, n.moderation());
    assertTrue(store.name(PHONE, null).isEmpty());
  }

  @Test
  void takesACodeOnceAndKeepsItAfterAWrongGuess() throws ApiError {
    Codes c = codes(1);
    c.send(query("sender=" + PHONE), null, T0);
    String sent = c.sent().get(0).code();
    String wrong = sent.equals("111111") ? "222222" : "111111";
    assertEquals(11, code(() -> c.check(query("sender=" + PHONE + "&code=" + wrong), null, T0)));
    c.check(query("sender=" + PHONE + "&code=" + sent), null, T0);
    assertEquals(11, code(() -> c.check(query("sender=" + PHONE + "&code=" + sent), null, T0)));
  }

  @Test
  void keepsACodeForTheOwnerItWasSentFor() throws ApiError {
    Codes c = codes(1);
    c.send(query("sender=" + PHONE), "branch1", T0);
    String sent = c.sent().get(0).code();
    assertEquals(11, code(() -> c.check(query("sender=" + PHONE + "&code=" + sent), null, T0)));
  }

  @Test
  void waitsEightHoursBetweenCodesToOneNumberWhoeverAsks() throws ApiError {
    Codes c = codes(1);
    c.send(query("sender=" + PHONE), null, T0);
    Instant almost = T0.plus(Codes.CODE_RETRY).minusSeconds(1);
    assertEquals(10, code(() -> c.send(query("sender=" + PHONE), "branch1", almost)));
    c.send(query("sender=" + PHONE), "branch1", T0.plus(Codes.CODE_RETRY));
    assertEquals(2, c.sent().size());
    c.send(query("sender=79991112244"), null, T0.plus(Duration.ofMinutes(1)));
  }

  @Test
  void sendsFromASiteNameOnlyWhenItIsAnAllowedNameOfTheSameOwner() throws ApiError {
    store.seed(NameSeed.of("Shop"));
    store.seed(NameSeed.of("Waiting").withModeration(0));
    Codes c = codes(1);
    assertEquals(3, code(() -> c.send(query("sender=" + PHONE + "&site=Waiting"), null, T0)));
    assertEquals(3, code(() -> c.send(query("sender=" + PHONE + "&site=Shop"), "branch1", T0)));
    c.send(query("sender=" + PHONE + "&site=shop"), null, T0);
    assertEquals("shop", c.sent().get(0).site());
  }

  @Test
  void refusesUndeliverableAndMalformedNumbersWithoutTextingAnything() {
    Codes c = codes(1);
    assertEquals(8, code(() -> c.send(query("sender=79991110000"), null, T0)));
    assertEquals(7, code(() -> c.send(query("sender=12345"), null, T0)));
    assertEquals(1, code(() -> c.send(query(""), null, T0)));
    assertEquals(1, code(() -> c.check(query("sender=" + PHONE), null, T0)));
    assertEquals(List.of(), c.sent());
  }

  @Test
  void forgetsEverythingOnClear() throws ApiError {
    Codes c = codes(1);
    c.send(query("sender=" + PHONE), null, T0);
    String sent = c.sent().get(0).code();
    c.clear();
    assertTrue(c.sent().isEmpty());
    assertEquals(11, code(() -> c.check(query("sender=" + PHONE + "&code=" + sent), null, T0)));
    c.send(query("sender=" + PHONE), null, T0);
  }
}
