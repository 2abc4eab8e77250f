package dev.sendersbot.smsc;

import static dev.sendersbot.smsc.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.smsc.SmscTransportException.Kind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tolerant reading of answers, and provider errors as typed exceptions. */
class HttpSendersApiAnswersTest {

  @RegisterExtension final SmscServerExtension smsc = SmscServerExtension.primaryOnly();
  final MockWebServer server = smsc.primary();
  final SendersApi api = smsc.api();

  @Test
  void numbersWrittenAsStringsAndStringsWrittenAsNumbersAreRead() {
    server.enqueue(
        json(
            "[{\"sender\": 79991234567, \"status\": \"2\", \"id\": \"101\","
                + " \"mts_step\": 2, \"bee_step\": \" 5 \"},"
                + " {\"sender\": \"X\", \"status\": 1.0, \"id\": 102.0}]"));

    List<Sender> names = api.list(ListQuery.full(null));

    assertEquals(
        new Sender(101, "79991234567", 2, Map.of("mts_step", 2, "bee_step", 5), Map.of()),
        names.get(0));
    assertEquals(new Sender(102, "X", 1, Map.of(), Map.of()), names.get(1));
  }

  @Test
  void unknownFieldsAreKeptAsTheirJsonText() {
    server.enqueue(
        json(
            "[{\"sender\": \"my_shop\", \"id\": 7, \"status\": 1, \"cmt\": \"наш магазин\","
                + " \"created\": \"2024-01-02\", \"price\": 12.5, \"tags\": [\"a\", 1], \"motiv\": \"2\","
                + " \"flags\": {\"x\": null}}]"));

    Sender s = api.list(ListQuery.full(null)).get(0);

    assertEquals(
        Map.of(
            "cmt",
            "\"наш магазин\"",
            "created",
            "\"2024-01-02\"",
            "price",
            "12.5",
            "tags",
            "[\"a\",1]",
            "motiv",
            "\"2\"",
            "flags",
            "{\"x\":null}"),
        s.extra());
    assertEquals(
        List.of("cmt", "created", "price", "tags", "motiv", "flags"),
        List.copyOf(s.extra().keySet()),
        "in the provider's order");
  }

  @Test
  void operatorFlagsThisVersionDoesNotKnowAreKeptAsOperatorStatuses() {
    server.enqueue(
        json(
            "[{\"sender\": \"my_shop\", \"sber_step\": \"2\", \"winmob_step\": \"1\","
                + " \"volnamob_step\": \"0\", \"by_reg\": \"8\", \"mts_step\": \"2\", \"id\": \"7\","
                + " \"status\": 1}]"));

    Sender s = api.list(ListQuery.full(null)).get(0);

    assertEquals(
        Map.of("sber_step", 2, "winmob_step", 1, "volnamob_step", 0, "by_reg", 8, "mts_step", 2),
        s.operators());
    assertTrue(s.extra().isEmpty());
  }

  @Test
  void legacyStatusFieldsAreKeptAsOperatorStatuses() {
    server.enqueue(
        json(
            "[{\"sender\": \"old\", \"mega_status\": \"2\", \"mts_status\": 3,"
                + " \"id\": \"3\", \"status\": 1}]"));

    assertEquals(
        Map.of("mega_status", 2, "mts_status", 3),
        api.list(ListQuery.full(null)).get(0).operators());
  }

  // Why: the reference prints the operators=1 form without "status" and leaves open whether it
  // combines with all=1. A provider answering in that form made disabled names look allowed, and
  // no approval or rejection was ever noticed; one that also drops all=1 lost pending names.
  @Test
  void aWholeListWithoutModerationAsksForItOnceMoreAndMergesById() {
    server.enqueue(
        json(
            "[{\"sender\": \"OFF\", \"bee_step\": \"3\", \"id\": \"3\"},"
                + " {\"sender\": \"SHOP\", \"mts_step\": \"2\", \"id\": \"1\"}]"));
    server.enqueue(
        json(
            "[{\"sender\": \"PENDING\", \"status\": 0, \"id\": 4},"
                + " {\"sender\": \"OFF\", \"status\": 2, \"id\": 3},"
                + " {\"sender\": \"SHOP\", \"status\": 1, \"id\": 1}]"));

    List<Sender> names = api.list(ListQuery.full("team-a").withCnt(ListQuery.MAX_CNT));

    assertEquals(
        List.of("OFF 2 {bee_step=3}", "SHOP 1 {mts_step=2}", "PENDING 0 {}"),
        names.stream().map(n -> n.name() + " " + n.moderation() + " " + n.operators()).toList());
    Fixtures.Form first = Fixtures.form(Fixtures.take(server));
    Fixtures.Form second = Fixtures.form(Fixtures.take(server));
    assertEquals("1", first.get("operators"));
    assertEquals("1", second.get("all"));
    assertFalse(second.fields().containsKey("operators"), second.fields().toString());
    assertEquals("team-a", second.get("user"));
    assertEquals("15000", second.get("cnt"));
  }

  @Test
  void aListCarryingModerationOrAskedSinceADateIsAskedOnce() {
    server.enqueue(json("[{\"sender\": \"A\", \"status\": \"1\", \"id\": \"1\"}]"));
    server.enqueue(json("[{\"sender\": \"A\", \"mts_step\": \"2\", \"id\": \"1\"}]"));

    assertEquals(1, api.list(ListQuery.full(null)).get(0).moderation());
    assertNull(
        api.list(new ListQuery(true, true, java.time.LocalDate.of(2026, 12, 1), null, 100, null))
            .get(0)
            .moderation());
    assertEquals(2, server.getRequestCount());
  }

  // Why: the reference says replacement analogs appear with operators=1 but not in which shape.
  @Test
  void replacementAnalogsOfUnknownShapeDoNotFailTheList() {
    server.enqueue(
        json(
            "[{\"sender\": \"my_shop\", \"mts_int\": \"SMSC.RU\","
                + " \"mega_analog\": {\"sender\": \"SMSC\", \"status\": \"2\"}, \"id\": \"7\"},"
                + " {\"sender\": \"SMSC.RU\", \"mts_int\": \"2\"},"
                + " {\"analog\": \"SMSC.RU\", \"id\": \"7\"},"
                + " \"SMSC.RU\", null, [1, 2],"
                + " {\"sender\": \"B\", \"id\": \"\"},"
                + " {\"sender\": \"C\", \"id\": \"9\", \"status\": \"pending\", \"tele2\": \"\"}]"));

    List<Sender> names = api.list(ListQuery.full(null));

    assertEquals(List.of("my_shop", "C"), names.stream().map(Sender::name).toList());
    Sender shop = names.get(0);
    assertEquals(Map.of(), shop.operators());
    assertEquals("\"SMSC.RU\"", shop.extra().get("mts_int"));
    assertEquals("{\"sender\":\"SMSC\",\"status\":\"2\"}", shop.extra().get("mega_analog"));
    Sender c = names.get(1);
    assertNull(c.moderation());
    // An empty operator status means the name was never registered there: neither a status nor
    // extra.
    assertEquals(Map.of("status", "\"pending\""), c.extra());
    assertEquals(Map.of(), c.operators());
  }

  // Issue 13: 1e400 reads as an infinite double, which has no decimal value: a
  // NumberFormatException
  // escaped the client instead of the entry being read as having no number there.
  @Test
  void aNumberPastTheRangeOfADoubleIsNoNumber() {
    server.enqueue(
        json(
            "[{\"sender\": \"A\", \"id\": 1e400},"
                + " {\"sender\": \"B\", \"id\": \"7\", \"status\": 1e400, \"mts_step\": -1e400,"
                + " \"bee_step\": \"2\"}]"));

    List<Sender> names = api.list(ListQuery.full(null));

    assertEquals(List.of("B"), names.stream().map(Sender::name).toList());
    assertNull(names.get(0).moderation());
    assertEquals(Map.of("bee_step", 2), names.get(0).operators());
    assertEquals(List.of("status", "mts_step"), List.copyOf(names.get(0).extra().keySet()));
  }

  @Test
  void anEmptyArrayOrEmptyObjectIsAnEmptyList() {
    server.enqueue(json("[]"));
    server.enqueue(json(" {} "));
    ListQuery activated = new ListQuery(false, false, null, null, null, null);

    assertEquals(List.of(), api.list(activated));
    assertEquals(List.of(), api.list(activated));
  }

  @Test
  void aUtf8ByteOrderMarkIsNotContent() {
    server.enqueue(json("\uFEFF{\"result\": \"OK\"}"));

    api.delete(new DeleteRequest(SenderRef.id(1), null));
  }

  static Stream<Arguments> errorCodes() {
    return Stream.of(
        Arguments.of(1, SmscErrorCode.PARAMETERS),
        Arguments.of(2, SmscErrorCode.CREDENTIALS),
        Arguments.of(3, SmscErrorCode.NOT_FOUND),
        Arguments.of(4, SmscErrorCode.IP_BLOCKED),
        Arguments.of(5, SmscErrorCode.SAVE_FAILED),
        Arguments.of(7, SmscErrorCode.BAD_NUMBER),
        Arguments.of(8, SmscErrorCode.UNDELIVERABLE),
        Arguments.of(9, SmscErrorCode.RATE_LIMITED),
        Arguments.of(10, SmscErrorCode.CODE_ALREADY_SENT),
        Arguments.of(11, SmscErrorCode.WRONG_CODE));
  }

  @ParameterizedTest(name = "error {0}")
  @MethodSource("errorCodes")
  void everyErrorCodeBecomesATypedErrorOfEveryOperation(int code, SmscErrorCode expected) {
    String body = "{\"error\": \"описание " + code + "\", \"error_code\": " + code + "}";
    Map<String, Runnable> calls =
        Map.of(
            "list", () -> api.list(ListQuery.full(null)),
            "add", () -> api.add(AddRequest.of("my_shop", null, null)),
            "change", () -> api.change(new ChangeRequest(SenderRef.id(1), "c", null, null, null)),
            "send_code", () -> api.sendCode(SendCodeRequest.of("79991234567", null)),
            "check_code", () -> api.checkCode(new CheckCodeRequest("79991234567", "1234", null)),
            "delete", () -> api.delete(new DeleteRequest(SenderRef.name("my_shop"), null)));
    for (Map.Entry<String, Runnable> call : calls.entrySet()) {
      server.enqueue(json(body));

      SmscError e = assertThrows(SmscError.class, call.getValue()::run, call.getKey());

      assertEquals(Optional.of(expected), e.code());
      assertTrue(e.is(expected));
      assertEquals(code, e.rawCode());
      assertEquals("описание " + code, e.description());
      assertEquals(call.getKey(), e.operation());
      assertTrue(e.explanation().contains(expected.meaning()), e.explanation());
      assertTrue(e.explanation().contains(expected.advice()), e.explanation());
    }
    assertEquals(calls.size(), server.getRequestCount(), "one request each, no retries");
  }

  @Test
  void anUnknownErrorCodeIsKeptAsANumber() {
    server.enqueue(json("{\"error\": \"something new\", \"error_code\": \"42\"}"));

    SmscError e = assertThrows(SmscError.class, () -> api.list(ListQuery.full(null)));

    assertEquals(Optional.empty(), e.code());
    assertEquals(42, e.rawCode());
    assertTrue(
        e.explanation().contains("42") && e.explanation().contains("something new"),
        e.explanation());
  }

  // Issue 11, hole 8: "SMSC error 6 (error 6)" did not say the bot does not know the code.
  @Test
  void unknownProviderErrorSaysTheCodeIsUnknownInTheProvidersOwnWords() {
    server.enqueue(json("{\"error\": \"message is denied\", \"error_code\": 6}"));

    SmscError e = assertThrows(SmscError.class, () -> api.list(ListQuery.full(null)));

    assertEquals(
        "SMSC error 6: an error code this bot does not know; the provider says"
            + " \u201cmessage is denied\u201d. Try again later; if it persists, tell an owner.",
        e.explanation());
    assertEquals(
        "list: provider error 6, a code this bot does not know"
            + " (\u201cmessage is denied\u201d)",
        e.getMessage());
    assertEquals("message is denied", e.description(), "kept as it came");
  }

  @Test
  void anUnknownCodeWhoseTextOnlyRepeatsItIsToldWithoutIt() {
    server.enqueue(new okhttp3.mockwebserver.MockResponse().setBody("ERROR = 6 (error 6)\n"));

    SmscError e = assertThrows(SmscError.class, () -> api.list(ListQuery.full(null)));

    assertEquals(
        "SMSC error 6: an error code this bot does not know, sent without a"
            + " description. Try again later; if it persists, tell an owner.",
        e.explanation());
    assertEquals(
        "list: provider error 6, a code this bot does not know, sent without a" + " description",
        e.getMessage());
  }

  @Test
  void anErrorWithoutACodeSaysSo() {
    server.enqueue(json("{\"error\": \"service unavailable\"}"));

    SmscError e = assertThrows(SmscError.class, () -> api.list(ListQuery.full(null)));

    assertEquals(
        "SMSC answered with an error but no error code; the provider says"
            + " \u201cservice unavailable\u201d. Try again later; if it persists, tell an owner.",
        e.explanation());
    assertEquals(
        "list: provider error without a code (\u201cservice unavailable\u201d)", e.getMessage());
  }

  // Why: an error served with an HTTP error status must still be an error: as a transport
  // failure a list would be retried, and a retry after error 4 lengthens the IP block.
  @Test
  void aProviderErrorWinsOverAnHttpErrorStatus() {
    server.enqueue(json("{\"error\": \"IP blocked\", \"error_code\": 4}").setResponseCode(403));

    SmscError e = assertThrows(SmscError.class, () -> api.list(ListQuery.full(null)));

    assertTrue(e.is(SmscErrorCode.IP_BLOCKED));
  }

  // Why: should the provider ignore fmt=3, its plain-text error must still stop retries.
  @Test
  void aPlainTextErrorLineIsReadAsAProviderError() {
    server.enqueue(
        new okhttp3.mockwebserver.MockResponse()
            .setBody("ERROR = 9 (duplicate request, wait a minute)\n"));

    SmscError e = assertThrows(SmscError.class, () -> api.list(ListQuery.full(null)));

    assertTrue(e.is(SmscErrorCode.RATE_LIMITED));
    assertEquals("duplicate request, wait a minute", e.description());
  }

  // Why: a provider built on a response model writes every field, the empty ones as null or 0;
  // a success told as "SMSC answered with an error" makes the user retry an add that was made.
  @Test
  void emptyErrorFieldsBesideASuccessAreNoError() {
    server.enqueue(json("{\"sender\": 7, \"error\": null, \"error_code\": null}"));
    server.enqueue(json("{\"result\": \"OK\", \"error\": \"\", \"error_code\": 0}"));
    server.enqueue(json("[{\"sender\": \"A\", \"status\": 1, \"id\": 1}]"));

    assertEquals(7, api.add(AddRequest.of("my_shop", null, null)));
    api.delete(new DeleteRequest(SenderRef.id(7), null));
    assertEquals(1, api.list(ListQuery.full(null)).size());
  }

  @Test
  void anErrorBesideEmptyFieldsIsStillAnError() {
    server.enqueue(json("{\"sender\": null, \"error\": null, \"error_code\": 9}"));
    server.enqueue(json("{\"result\": null, \"error\": \"wrong\", \"error_code\": null}"));

    SmscError rate =
        assertThrows(SmscError.class, () -> api.add(AddRequest.of("my_shop", null, null)));
    SmscError worded =
        assertThrows(SmscError.class, () -> api.delete(new DeleteRequest(SenderRef.id(7), null)));

    assertTrue(rate.is(SmscErrorCode.RATE_LIMITED));
    assertEquals("wrong", worded.description());
  }

  @Test
  void anAddAnswerWithoutAnIdIsMalformed() {
    server.enqueue(json("{\"sender\": \"my_shop\"}"));

    SmscTransportException e =
        assertThrows(
            SmscTransportException.class, () -> api.add(AddRequest.of("my_shop", null, null)));

    assertEquals(Kind.MALFORMED, e.kind());
    assertTrue(e.getMessage().startsWith("add 127.0.0.1:"), e.getMessage());
    assertTrue(
        e.getMessage().contains("/sys/senders.php: the answer to add carries no id"),
        e.getMessage());
  }

  @Test
  void aMutationWhoseAnswerIsNotOkIsMalformed() {
    List<Consumer<SendersApi>> mutations =
        List.of(
            a -> a.change(new ChangeRequest(SenderRef.id(1), "c", null, null, null)),
            a -> a.sendCode(SendCodeRequest.of("79991234567", null)),
            a -> a.checkCode(new CheckCodeRequest("79991234567", "1234", null)),
            a -> a.delete(new DeleteRequest(SenderRef.id(1), null)));
    for (Consumer<SendersApi> m : mutations) {
      server.enqueue(json("{\"result\": \"FAIL\"}"));

      SmscTransportException e = assertThrows(SmscTransportException.class, () -> m.accept(api));

      assertEquals(Kind.MALFORMED, e.kind());
      assertTrue(e.getMessage().contains("expected {\"result\": \"OK\"}"), e.getMessage());
      assertFalse(e.getMessage().contains("FAIL"), "the answer's values stay out of messages");
    }
  }
}
