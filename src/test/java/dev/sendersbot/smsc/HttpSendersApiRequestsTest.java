package dev.sendersbot.smsc;

import static dev.sendersbot.smsc.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.smsc.Fixtures.Form;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What each operation sends, and what it makes of the provider's answer. */
class HttpSendersApiRequestsTest {

  static final byte[] PDF =
      "%PDF-1.4\n% a trademark certificate\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

  @RegisterExtension final SmscServerExtension smsc = SmscServerExtension.primaryOnly();
  final MockWebServer server = smsc.primary();
  final OkHttpClient shared = smsc.shared();
  final SendersApi api = smsc.api();

  /** The fields every call carries, in the order the client writes them. */
  static Map<String, String> common(String command) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(command, "1");
    m.put("login", Fixtures.LOGIN);
    m.put("psw", Fixtures.PASSWORD);
    m.put("fmt", "3");
    m.put("charset", "utf-8");
    return m;
  }

  static Map<String, String> with(Map<String, String> base, String... kv) {
    Map<String, String> m = new LinkedHashMap<>(base);
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  RecordedRequest taken() {
    RecordedRequest r = Fixtures.take(server);
    assertEquals("POST", r.getMethod());
    assertEquals("/sys/senders.php", r.getPath(), "nothing may ride in the URL");
    return r;
  }

  @Test
  void listWithoutOptionsSendsOnlyTheCommandCredentialsAndFormat() {
    server.enqueue(
        json("[{\"sender\": \"my_shop\", \"id\": 17}, {\"sender\": \"SHOP2\", \"id\": 18}]"));

    List<Sender> names = api.list(new ListQuery(false, false, null, null, null, null));

    Form form = Fixtures.form(taken());
    assertTrue(form.contentType().startsWith("application/x-www-form-urlencoded"));
    assertEquals(common("get"), form.fields());
    assertEquals(List.of(new Sender(17, "my_shop"), new Sender(18, "SHOP2")), names);
  }

  @Test
  void listSendsEveryQueryParameterAndReadsTheAllForm() {
    server.enqueue(
        json(
            "[{\"sender\": \"my_shop\", \"status\": 1, \"id\": 17},"
                + " {\"sender\": \"79991234567\", \"status\": 0, \"id\": 21}]"));

    List<Sender> names =
        api.list(new ListQuery(true, true, LocalDate.of(2024, 3, 5), 900L, 250, "subalex"));

    assertEquals(
        with(
            common("get"),
            "all",
            "1",
            "operators",
            "1",
            "from_date",
            "05.03.2024",
            "prev_id",
            "900",
            "cnt",
            "250",
            "user",
            "subalex"),
        Fixtures.form(taken()).fields());
    assertEquals(2, names.size());
    assertEquals(new Sender(17, "my_shop", 1, Map.of(), Map.of()), names.get(0));
    assertEquals(ModerationStatus.ALLOWED, names.get(0).moderationStatus());
    assertEquals(ModerationStatus.WAITING, names.get(1).moderationStatus());
  }

  @Test
  void listReadsTheOperatorsFormWithStringTypedStatusesAndId() {
    server.enqueue(
        json(
            "[{\"sender\": \"my_shop\", \"mega_step\": \"2\", \"mega_int\": \"0\","
                + " \"bee_step\": \"1\", \"motiv_step\": \"0\", \"motiv_int\": \"0\", \"mts_step\": \"3\","
                + " \"mts_int\": \"0\", \"tele2_step\": \"8\", \"tele2\": \"0\", \"ua_reg\": \"0\","
                + " \"ua_int\": \"0\", \"id\": \"17\"}]"));
    // The form as the reference prints it carries no moderation: it is asked with all=1 alone.
    server.enqueue(json("[{\"sender\": \"my_shop\", \"status\": 2, \"id\": 17}]"));

    Sender s = api.list(ListQuery.full(null)).get(0);

    assertEquals(17, s.id());
    assertEquals("my_shop", s.name());
    assertEquals(2, s.moderation());
    assertEquals(
        List.of(
            "mega_step",
            "mega_int",
            "bee_step",
            "motiv_step",
            "motiv_int",
            "mts_step",
            "mts_int",
            "tele2_step",
            "tele2",
            "ua_reg",
            "ua_int"),
        List.copyOf(s.operators().keySet()),
        "every flag, in the provider's order");
    assertEquals(2, s.operators().get("mega_step"));
    assertEquals(3, s.operators().get("mts_step"));
    assertEquals(8, s.operators().get("tele2_step"));
    assertTrue(s.extra().isEmpty());
  }

  @Test
  void addSendsNameCommentEveryFlagAndTheUkrainianDetailsAndReturnsTheNumericId() {
    server.enqueue(json("{\"sender\": 4711}"));
    UaRegistration ua =
        new UaRegistration(
            "ТОВ Ромашка",
            "12345678",
            "info@romashka.ua",
            "Київ, вул. Хрещатик 1",
            "доставка квітів",
            "order notifications",
            "romashka.ua");

    long id =
        api.add(
            new AddRequest(
                "my_shop",
                "магазин & co=1",
                Set.of(
                    "tele2_step",
                    "mts_step",
                    "mega_step",
                    "bee_step",
                    "motiv_step",
                    "tele2",
                    "mega_int",
                    "motiv_int",
                    "mts_int",
                    "ua_int"),
                ua,
                false,
                null,
                null,
                "subalex"));

    assertEquals(4711, id);
    assertEquals(
        with(
            common("add"),
            "sender",
            "my_shop",
            "cmt",
            "магазин & co=1",
            "bee_step",
            "1",
            "mega_int",
            "1",
            "mega_step",
            "1",
            "motiv_int",
            "1",
            "motiv_step",
            "1",
            "mts_int",
            "1",
            "mts_step",
            "1",
            "tele2",
            "1",
            "tele2_step",
            "1",
            "ua_int",
            "1",
            "ua_reg",
            "1",
            "fio",
            "ТОВ Ромашка",
            "inn",
            "12345678",
            "email",
            "info@romashka.ua",
            "address",
            "Київ, вул. Хрещатик 1",
            "desc",
            "доставка квітів",
            "subj",
            "order notifications",
            "site",
            "romashka.ua",
            "user",
            "subalex"),
        Fixtures.form(taken()).fields());
  }

  @Test
  void addReadsAnIdWrittenAsAString() {
    server.enqueue(json("{\"sender\": \"4712\"}"));

    assertEquals(4712, api.add(AddRequest.of("my_shop", null, null)));
    assertEquals(with(common("add"), "sender", "my_shop"), Fixtures.form(taken()).fields());
  }

  @Test
  void addOfAnEmailSenderSendsMailAndName() {
    server.enqueue(json("{\"sender\": 90}"));

    api.add(
        new AddRequest("shop@example.com", null, Set.of(), null, true, "Alex Shop", null, null));

    assertEquals(
        with(common("add"), "sender", "shop@example.com", "mail", "1", "name", "Alex Shop"),
        Fixtures.form(taken()).fields());
  }

  @Test
  void addWithADocumentUploadsItAsMultipartWithItsTypeAndDescription() {
    server.enqueue(json("{\"sender\": 5}"));

    api.add(
        new AddRequest(
            "my_shop",
            "shop",
            Set.of("mts_step"),
            null,
            false,
            null,
            new Document("certificate.pdf", PDF, "Свидетельство на товарный знак"),
            null));

    Form form = Fixtures.form(taken());
    assertTrue(form.contentType().startsWith("multipart/form-data; boundary="), form.contentType());
    assertEquals(
        with(
            common("add"),
            "sender",
            "my_shop",
            "cmt",
            "shop",
            "mts_step",
            "1",
            "doc_info",
            "Свидетельство на товарный знак"),
        form.fields());
    assertEquals("certificate.pdf", form.file().fileName());
    assertEquals("application/pdf", form.file().type().toString());
    assertArrayEquals(PDF, form.file().bytes());
  }

  @Test
  void changeByIdSendsCommentFlagsDocumentAndUser() {
    server.enqueue(json("{\"result\": \"OK\"}"));
    byte[] png = {
      (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'
    };

    api.change(
        new ChangeRequest(
            SenderRef.id(17),
            "new comment",
            Set.of("bee_step", "tele2"),
            new Document("domain.png", png, null),
            "subalex"));

    Form form = Fixtures.form(taken());
    assertEquals(
        with(
            common("chg"),
            "id",
            "17",
            "cmt",
            "new comment",
            "bee_step",
            "1",
            "tele2",
            "1",
            "user",
            "subalex"),
        form.fields(),
        "no doc_info when none was given");
    assertEquals("image/png", form.file().type().toString());
    assertArrayEquals(png, form.file().bytes());
  }

  @Test
  void changeByNameWithoutADocumentIsAPlainForm() {
    server.enqueue(json("{\"result\": \"OK\"}"));

    api.change(new ChangeRequest(SenderRef.name("my_shop"), "c", null, null, null));

    Form form = Fixtures.form(taken());
    assertTrue(form.contentType().startsWith("application/x-www-form-urlencoded"));
    assertNull(form.file());
    assertEquals(with(common("chg"), "sender", "my_shop", "cmt", "c"), form.fields());
  }

  @Test
  void sendCodeSendsThePhoneWithoutPlusAndTheSiteFields() {
    server.enqueue(json("{\"result\": \"OK\"}"));

    api.sendCode(new SendCodeRequest("+7 999 123-45-67", "mysite.ru", "www.mysite.ru", "subalex"));

    assertEquals(
        with(
            common("send_code"),
            "sender",
            "79991234567",
            "site",
            "mysite.ru",
            "site_name",
            "www.mysite.ru",
            "user",
            "subalex"),
        Fixtures.form(taken()).fields());
  }

  @Test
  void checkCodeSendsPhoneAndCode() {
    server.enqueue(json("{\"result\": \"OK\"}"));

    api.checkCode(new CheckCodeRequest("79999999999", "338824", null));

    assertEquals(
        with(common("check_code"), "sender", "79999999999", "code", "338824"),
        Fixtures.form(taken()).fields());
  }

  @Test
  void deleteByNameAndById() {
    server.enqueue(json("{\"result\": \"OK\"}"));
    server.enqueue(json("{\"result\":\"ok\"}"));

    api.delete(new DeleteRequest(SenderRef.name("my_shop"), null));
    api.delete(new DeleteRequest(SenderRef.id(17), "subalex"));

    assertEquals(with(common("del"), "sender", "my_shop"), Fixtures.form(taken()).fields());
    assertEquals(
        with(common("del"), "id", "17", "user", "subalex"), Fixtures.form(taken()).fields());
  }

  @Test
  void anApiKeyReplacesLoginAndPassword() {
    server.enqueue(json("[]"));
    SendersApi keyed =
        SmscClients.http(
            Fixtures.apiKeySettings(Fixtures.baseUrl(server), Duration.ofSeconds(5)), shared);

    assertEquals(List.of(), keyed.list(ListQuery.full(null)));

    Map<String, String> fields = Fixtures.form(taken()).fields();
    assertEquals(Fixtures.API_KEY, fields.get("apikey"));
    assertFalse(fields.containsKey("login"));
    assertFalse(fields.containsKey("psw"));
  }

  @Test
  void aBaseUrlWithAPathKeepsItInFrontOfTheScriptPath() {
    server.enqueue(json("[]"));
    SendersApi prefixed =
        SmscClients.http(
            Fixtures.settings(Fixtures.baseUrl(server).resolve("/smsc/"), Duration.ofSeconds(5)),
            shared);

    prefixed.list(ListQuery.full(null));

    assertEquals("/smsc/sys/senders.php", Fixtures.take(server).getPath());
  }

  // --- listAll ----------------------------------------------------------------------------------

  @Test
  void listAllPagesWithTheSmallestIdUntilAShortPage() {
    server.enqueue(json("[{\"sender\": \"A\", \"id\": 30}, {\"sender\": \"B\", \"id\": 25}]"));
    server.enqueue(json("[{\"sender\": \"C\", \"id\": 20}, {\"sender\": \"D\", \"id\": 12}]"));
    server.enqueue(json("[{\"sender\": \"E\", \"id\": 5}]"));

    List<Sender> all = api.listAll(new ListQuery(true, false, null, null, 2, "subalex"));

    assertEquals(List.of("A", "B", "C", "D", "E"), all.stream().map(Sender::name).toList());
    Map<String, String> first = with(common("get"), "all", "1", "cnt", "2", "user", "subalex");
    assertEquals(first, Fixtures.form(taken()).fields());
    assertEquals(
        with(common("get"), "all", "1", "prev_id", "25", "cnt", "2", "user", "subalex"),
        Fixtures.form(taken()).fields());
    assertEquals(
        with(common("get"), "all", "1", "prev_id", "12", "cnt", "2", "user", "subalex"),
        Fixtures.form(taken()).fields());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void listAllAsksForTheLargestPageWhenTheQueryGivesNoCount() {
    server.enqueue(json("[{\"sender\": \"A\", \"status\": 1, \"id\": 30}]"));

    api.listAll(ListQuery.full(null));

    assertEquals("15000", Fixtures.form(taken()).get("cnt"));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void listAllStopsAtAnEmptyPage() {
    server.enqueue(
        json(
            "[{\"sender\": \"A\", \"status\": 1, \"id\": 30}, {\"sender\": \"B\", \"status\": 1, \"id\": 25}]"));
    server.enqueue(json("[]"));

    assertEquals(2, api.listAll(ListQuery.full(null).withCnt(2)).size());
    assertEquals(2, server.getRequestCount());
  }

  // Why: a replacement-analog entry is no sender name, but it still fills the page, so the page
  // is full and the next one must be asked for.
  @Test
  void listAllCountsEntriesThatAreNotNamesWhenDecidingWhetherAPageWasFull() {
    server.enqueue(
        json("[{\"sender\": \"A\", \"status\": 1, \"id\": 30}, {\"analog\": \"SMSC.RU\"}]"));
    server.enqueue(json("[{\"sender\": \"B\", \"status\": 1, \"id\": 10}]"));

    assertEquals(
        List.of("A", "B"),
        api.listAll(ListQuery.full(null).withCnt(2)).stream().map(Sender::name).toList());
    assertEquals(2, server.getRequestCount());
  }

  // Why: a provider that ignores prev_id returns the same full page for ever.
  @Test
  void listAllFailsInsteadOfLoopingWhenPagingDoesNotAdvance() {
    String page =
        "[{\"sender\": \"A\", \"status\": 1, \"id\": 30}, {\"sender\": \"B\", \"status\": 1, \"id\": 25}]";
    server.enqueue(json(page));
    server.enqueue(json(page));
    server.enqueue(json(page));

    SmscTransportException e =
        assertThrows(
            SmscTransportException.class, () -> api.listAll(ListQuery.full(null).withCnt(2)));

    assertEquals(SmscTransportException.Kind.MALFORMED, e.kind());
    assertTrue(e.getMessage().contains("did not advance"), e.getMessage());
    assertEquals(2, server.getRequestCount());
  }
}
