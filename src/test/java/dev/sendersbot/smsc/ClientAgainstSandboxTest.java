package dev.sendersbot.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.smsc.sandbox.RecordedRequest;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real client against the real sandbox over HTTP on 127.0.0.1: every operation end to end. */
class ClientAgainstSandboxTest {
  private static final byte[] PDF =
      "%PDF-1.4\n% test document\n".getBytes(StandardCharsets.US_ASCII);

  private FakeClock clock;
  private SmscSandbox sandbox;
  private OkHttpClient http;
  private SendersApi api;

  @BeforeEach
  void start() {
    clock = new FakeClock(Instant.parse("2026-11-20T09:00:00Z"), ZoneId.of("Europe/Moscow"));
    sandbox = SmscSandbox.start(SandboxOptions.defaults().withClock(clock).withSeed(7L));
    http = Fixtures.sharedClient();
    api =
        SmscClients.http(
            new SmscSettings(
                sandbox.baseUrl(),
                Credentials.password(sandbox.login(), sandbox.password()),
                Duration.ofSeconds(5)),
            http);
  }

  @AfterEach
  void stop() {
    sandbox.close();
    Fixtures.close(http);
  }

  @Test
  void addListChangeDeleteRoundTrip() {
    long id =
        api.add(
            new AddRequest(
                "my_shop",
                "test shop",
                Set.of("mts_step", "mega_step"),
                null,
                false,
                null,
                null,
                null));
    Sender added =
        api.list(ListQuery.full(null)).stream().filter(s -> s.id() == id).findFirst().orElseThrow();
    assertEquals("my_shop", added.name());
    assertEquals(ModerationStatus.WAITING, added.moderationStatus());
    assertEquals(0, added.operators().get("mts_step"));
    assertFalse(
        added.operators().containsKey("bee_step"), "an operator never asked for has no status");

    api.change(
        new ChangeRequest(
            SenderRef.name("my_shop"),
            "new comment",
            Set.of("bee_step"),
            new Document("tm.pdf", PDF, "trademark"),
            null));
    assertEquals("new comment", sandbox.name(id).orElseThrow().comment());
    assertEquals(1, sandbox.name(id).orElseThrow().documents().size());

    api.delete(new DeleteRequest(SenderRef.id(id), null));
    assertTrue(sandbox.name(id).isEmpty());
    SmscError gone =
        assertThrows(
            SmscError.class, () -> api.delete(new DeleteRequest(SenderRef.name("my_shop"), null)));
    assertTrue(gone.is(SmscErrorCode.NOT_FOUND));
  }

  @Test
  void confirmsADigitalNameWithTheCodeItWasSent() {
    api.sendCode(SendCodeRequest.of("+79990001122", null));
    String code = sandbox.lastCode("79990001122").orElseThrow().code();
    SmscError wrong =
        assertThrows(
            SmscError.class,
            () ->
                api.checkCode(
                    new CheckCodeRequest(
                        "79990001122", "000000".equals(code) ? "111111" : "000000", null)));
    assertTrue(wrong.is(SmscErrorCode.WRONG_CODE));
    api.checkCode(new CheckCodeRequest("79990001122", code, null));
    Sender confirmed =
        api.list(ListQuery.full(null)).stream()
            .filter(s -> s.name().equals("79990001122"))
            .findFirst()
            .orElseThrow();
    assertEquals(ModerationStatus.ALLOWED, confirmed.moderationStatus());

    SmscError again =
        assertThrows(SmscError.class, () -> api.sendCode(SendCodeRequest.of("79990001122", null)));
    assertTrue(again.is(SmscErrorCode.CODE_ALREADY_SENT), again.getMessage());
  }

  @Test
  void subClientSeesOnlyItsOwnNames() {
    sandbox.seed("Mine", "sub1", null, 1, Map.of());
    sandbox.seed("Theirs", "sub2", null, 1, Map.of());
    List<Sender> mine = api.list(ListQuery.full("sub1"));
    assertEquals(List.of("Mine"), mine.stream().map(Sender::name).toList());
    SmscError e =
        assertThrows(
            SmscError.class, () -> api.delete(new DeleteRequest(SenderRef.name("Theirs"), "sub1")));
    assertTrue(e.is(SmscErrorCode.NOT_FOUND));
    assertEquals("sub1", sandbox.requests().get(0).user());
  }

  @Test
  void listAllPagesWithPrevIdUntilTheWholeListIsRead() {
    sandbox.bulkSeed(2_500);
    List<Sender> all = api.listAll(ListQuery.full(null).withCnt(1_000));
    assertEquals(2_500, all.size());
    assertEquals(2_500, all.stream().map(Sender::id).distinct().count());
    assertEquals(3, sandbox.requests().size(), "three pages of 1000, the last one short");
  }

  @Test
  void fromDateListsOnlyNamesChangedSinceThatDay() {
    clock.set(Instant.parse("2026-11-01T10:00:00Z"));
    sandbox.seed("OldName", null, null, 1, Map.of("mts_step", 2));
    long fresh = sandbox.seed("FreshName", null, null, 1, Map.of("mts_step", 1));
    clock.set(Instant.parse("2026-11-19T10:00:00Z"));
    sandbox.setOperatorStatus(fresh, "mts_step", 3);
    clock.set(Instant.parse("2026-11-20T09:00:00Z"));
    List<Sender> changed =
        api.list(new ListQuery(true, true, LocalDate.of(2026, 11, 18), null, null, null));
    assertEquals(List.of("FreshName"), changed.stream().map(Sender::name).toList());
    assertEquals(
        OperatorStatus.REJECTED, OperatorStatus.of(changed.get(0).operators().get("mts_step")));
  }

  @Test
  void unknownOperatorFlagsAreKept() {
    long id = sandbox.seed("NewOps", null, null, 1, Map.of());
    sandbox.setOperatorStatus(id, "sber_step", 8);
    Sender s = api.list(ListQuery.full(null)).get(0);
    assertEquals(8, s.operators().get("sber_step"));
  }

  @Test
  void fourthIdenticalListWithinAMinuteIsErrorNineAndTheClientDoesNotRetryIt() {
    for (int i = 0; i < 3; i++) {
      api.list(ListQuery.full(null));
    }
    SmscError e = assertThrows(SmscError.class, () -> api.list(ListQuery.full(null)));
    assertTrue(e.is(SmscErrorCode.RATE_LIMITED));
    assertEquals(4, sandbox.requests().size(), "no retry after a provider error");
    clock.advance(Duration.ofSeconds(61));
    api.list(ListQuery.full(null));
  }

  @Test
  void wrongPasswordIsErrorTwoAndNeverRetried() {
    SendersApi wrong =
        SmscClients.http(
            new SmscSettings(
                sandbox.baseUrl(),
                Credentials.password(sandbox.login(), "not-the-password"),
                Duration.ofSeconds(5)),
            http);
    SmscError e = assertThrows(SmscError.class, () -> wrong.list(ListQuery.full(null)));
    assertTrue(e.is(SmscErrorCode.CREDENTIALS));
    assertFalse(e.getMessage().contains("not-the-password"));
    assertEquals(1, sandbox.requests().size());
  }

  @Test
  void passwordTravelsOnlyInThePostBody() {
    api.list(ListQuery.full(null));
    api.add(AddRequest.of("Shop2", "c", null));
    api.change(
        new ChangeRequest(
            SenderRef.name("Shop2"),
            null,
            Set.of(),
            new Document(
                "a.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0}, null),
            null));
    for (RecordedRequest r : sandbox.requests()) {
      assertEquals("POST", r.method());
      assertFalse(r.queryParams().contains("psw"), "psw in the URL of " + r.operation());
      assertEquals("3", r.param("fmt"));
      assertEquals("utf-8", r.param("charset"));
    }
  }

  @Test
  void apiKeyAuthenticatesInsteadOfLoginAndPassword() {
    SendersApi byKey =
        SmscClients.http(
            new SmscSettings(
                sandbox.baseUrl(), Credentials.apiKey(sandbox.apiKey()), Duration.ofSeconds(5)),
            http);
    sandbox.seed("KeyName", null, null, 1, Map.of());
    assertEquals("KeyName", byKey.list(ListQuery.full(null)).get(0).name());
  }

  // Why: the configuration takes the password or its lower-case MD5; the client sends it as given.
  @Test
  void theLowerCaseMd5OfThePasswordSignsInAsThePasswordDoes() throws Exception {
    String md5 =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("MD5")
                    .digest(sandbox.password().getBytes(StandardCharsets.UTF_8)));
    SendersApi byMd5 =
        SmscClients.http(
            new SmscSettings(
                sandbox.baseUrl(),
                Credentials.password(sandbox.login(), md5),
                Duration.ofSeconds(5)),
            http);
    sandbox.seed("Md5Name", null, null, 1, Map.of());

    assertEquals("Md5Name", byMd5.list(ListQuery.full(null)).get(0).name());
  }
}
