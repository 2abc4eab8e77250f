package dev.sendersbot.smsc.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** How requests arrive: GET and POST, form and multipart, charsets, credentials, the log. */
class SandboxRequestsTest extends SandboxTestSupport {
  private static final OkHttpClient OKHTTP = new OkHttpClient();
  private static final byte[] PDF =
      "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

  @Test
  void acceptsAGetWithEveryParameterInTheQuery() {
    sandbox.seed(NameSeed.of("my_shop"));
    assertEquals("name = my_shop, id = 1", get(credentials() + "&get=1").body());
  }

  @Test
  void takesABodyValueOverAQueryValueOfTheSameName() {
    sandbox.seed(NameSeed.of("my_shop"));
    Answer a =
        send(
            HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + "?get=1&fmt=3"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(credentials() + "&fmt=1")));
    assertEquals("my_shop,1", a.body());
    RecordedRequest r = sandbox.requests().get(0);
    assertEquals("1", r.param("fmt"));
    assertEquals(Set.of("get", "fmt"), r.queryParams());
  }

  @Test
  void acceptsTheLowerCaseMd5OfThePasswordButNotTheUpperCase() {
    // md5("demo-password"), computed outside the sandbox
    String md5 = "4b4d9529148d8d9440d7e20c78287f69";
    assertEquals("", post("login=demo&psw=" + md5 + "&get=1").body());
    assertEquals(
        "ERROR = 2 (invalid login or password)",
        post("login=demo&psw=" + md5.toUpperCase(Locale.ROOT) + "&get=1&all=1").body());
  }

  @Test
  void acceptsTheLoginInAnyCase() {
    assertEquals("", post("login=DEMO&psw=demo-password&get=1").body());
  }

  @Test
  void acceptsTheApiKeyInsteadOfLoginAndPassword() {
    assertEquals("ID = 1", post("apikey=" + sandbox.apiKey() + "&add=1&sender=keyed").body());
    RecordedRequest r = sandbox.requests().get(0);
    assertEquals(RecordedRequest.MASK, r.param("apikey"));
    assertEquals("demo", r.login());
  }

  @Test
  void refusesApiKeysWhenTheyAreOff() throws Exception {
    try (SmscSandbox noKeys = SmscSandbox.start(options().withApiKey(null))) {
      assertNull(noKeys.apiKey());
      HttpRequest r =
          HttpRequest.newBuilder(noKeys.apiUrl())
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("apikey=anything&get=1&fmt=1"))
              .build();
      assertEquals("0,-2", HTTP.send(r, HttpResponse.BodyHandlers.ofString()).body());
    }
  }

  @Test
  void uploadsADocumentWithItsDescriptionInAMultipartAdd() throws IOException {
    MultipartBody body =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("login", sandbox.login())
            .addFormDataPart("psw", sandbox.password())
            .addFormDataPart("add", "1")
            .addFormDataPart("sender", "my_shop")
            .addFormDataPart("cmt", "Магазин")
            .addFormDataPart("charset", "utf-8")
            .addFormDataPart("mega_step", "1")
            .addFormDataPart("doc_info", "trademark certificate")
            .addFormDataPart(
                "file",
                "certificate.pdf",
                RequestBody.create(PDF, MediaType.get("application/pdf")))
            .build();
    assertEquals("{\"sender\": 1}", okhttp(body, "fmt=3"));
    SandboxName n = sandbox.name("my_shop", null).orElseThrow();
    assertEquals("Магазин", n.comment());
    assertEquals(
        List.of(new StoredDocument("certificate.pdf", PDF.length, "pdf", "trademark certificate")),
        n.documents());
    assertEquals(Map.of("mega_step", 0), n.operators());
    RecordedRequest r = sandbox.requests().get(0);
    assertTrue(r.contentType().startsWith("multipart/form-data"), r.contentType());
    assertEquals(RecordedRequest.MASK, r.param("psw"));
    assertEquals(n.documents(), r.documents());
    assertEquals(Set.of("fmt"), r.queryParams());
  }

  @Test
  void refusesADocumentOverThreeMegabytesOrOfAnotherType() throws IOException {
    byte[] big = Arrays.copyOf(PDF, 3_000_001);
    assertEquals("0,-1", okhttp(withDocument("big.pdf", big), "fmt=1"));
    byte[] exe = "MZ\u0090\u0000 not a document".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("0,-1", okhttp(withDocument("tool.exe", exe), "fmt=1"));
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};
    assertEquals("0,-1", okhttp(withDocument("scan.pdf", png), "fmt=1"));
    assertTrue(sandbox.names().isEmpty());
    assertEquals("1", okhttp(withDocument("scan.png", png), "fmt=1"));
    byte[] exactly3mb = Arrays.copyOf(PDF, 3_000_000);
    assertEquals("OK", okhttp(chgWithDocument("full.pdf", exactly3mb), "fmt=1"));
    assertEquals(2, sandbox.name("doc_name", null).orElseThrow().documents().size());
  }

  @Test
  void movesAnOperatorAskingForDocumentsOnWhenTheyArrive() throws IOException {
    long id =
        sandbox.seed(
            NameSeed.of("my_shop").withOperator("mega_step", 8).withOperator("mts_step", 3));
    assertEquals("OK", okhttp(chgWithDocument("cert.pdf", PDF), "fmt=1"));
    SandboxName n = sandbox.name(id).orElseThrow();
    assertEquals(Map.of("mega_step", 1, "mts_step", 3), n.operators());
    assertEquals(clock.instant(), n.operatorChangedAt().get("mega_step"));
  }

  @Test
  void decodesParametersInTheCharsetTheRequestNamesWindows1251ByDefault() {
    String cyrillic = "Тест";
    for (String charset : List.of("utf-8", "windows-1251", "koi8-r")) {
      Charset cs = Params.charset(charset);
      String form =
          credentials()
              + "&chg=1&sender=my_shop&cmt="
              + URLEncoder.encode(cyrillic, cs)
              + "&charset="
              + charset;
      sandbox.reset();
      sandbox.seed(NameSeed.of("my_shop"));
      assertEquals("OK", post(form).body());
      assertEquals(cyrillic, sandbox.name("my_shop", null).orElseThrow().comment(), charset);
    }
    sandbox.reset();
    sandbox.seed(NameSeed.of("my_shop"));
    assertEquals(
        "OK",
        body(
            "chg=1&sender=my_shop&cmt="
                + URLEncoder.encode(cyrillic, Charset.forName("windows-1251"))));
    assertEquals(cyrillic, sandbox.name("my_shop", null).orElseThrow().comment());
  }

  @Test
  void registersRequestedOperatorsAtStatusZeroAndKeepsTheirDetails() {
    assertEquals(
        "ID = 1",
        body(
            "add=1&sender=my_shop&cmt=test&mts_step=1&tele2=1&sber_step=1"
                + "&ua_reg=1&fio=Org&inn=123&email=a%40b.ua&address=Kyiv&desc=shop&subj=orders&site=b.ua"
                + "&bee_step=0&unknown_step=1"));
    SandboxName n = sandbox.name(1).orElseThrow();
    assertEquals(Map.of("mts_step", 0, "tele2", 0, "sber_step", 0, "ua_reg", 0), n.operators());
    assertEquals("Org", n.registration().get("fio"));
    assertEquals("b.ua", n.registration().get("site"));
    assertEquals(0, n.moderation());
    sandbox.setOperatorStatus(1, "mts_step", 2);
    assertEquals("OK", body("chg=1&id=1&mts_step=1&bee_step=1"));
    n = sandbox.name(1).orElseThrow();
    assertEquals(2, n.operators().get("mts_step"), "asking again does not restart a registration");
    assertEquals(0, n.operators().get("bee_step"));
    assertEquals("test", n.comment(), "chg without cmt keeps the comment");
  }

  @Test
  void addsAnEmailSenderWithItsName() {
    assertEquals("ID = 1", body("add=1&mail=1&sender=news%40shop.ru&name=Ivan"));
    SandboxName n = sandbox.name("news@shop.ru", null).orElseThrow();
    assertTrue(n.mail());
    assertEquals("Ivan", n.mailName());
  }

  @Test
  void recordsEveryRequestWithSecretsMaskedAndTellsWhichCameInTheUrl() {
    get(credentials() + "&get=1&fmt=3");
    post("apikey=" + sandbox.apiKey() + "&send_code=1&sender=79991112233");
    post("login=demo&psw=bad&del=1&sender=x");
    List<RecordedRequest> log = sandbox.requests();
    assertEquals(3, log.size());
    RecordedRequest first = log.get(0);
    assertEquals("GET", first.method());
    assertEquals("get", first.operation());
    assertTrue(first.queryParams().contains("psw"));
    assertEquals(RecordedRequest.MASK, first.param("psw"));
    assertTrue(first.ok());
    assertEquals(clock.instant(), first.time());
    RecordedRequest second = log.get(1);
    assertEquals("POST", second.method());
    assertTrue(second.queryParams().isEmpty());
    assertEquals(RecordedRequest.MASK, second.param("apikey"));
    assertEquals("79991112233", second.param("sender"));
    RecordedRequest third = log.get(2);
    assertEquals(2, third.errorCode());
    assertEquals("del", third.operation());
    assertFalse(third.ok());
    assertFalse(log.toString().contains(sandbox.password()));
    assertFalse(log.toString().contains(sandbox.apiKey()));
    sandbox.clearRequests();
    assertTrue(sandbox.requests().isEmpty());
  }

  @Test
  void answersNotFoundElsewhereAndRefusesOtherMethods() {
    Answer other =
        send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sys/send.php")).GET());
    assertEquals(404, other.status());
    Answer longer = send(HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + "x")).GET());
    assertEquals(404, longer.status());
    Answer put =
        send(
            HttpRequest.newBuilder(sandbox.apiUrl())
                .PUT(HttpRequest.BodyPublishers.ofString("get=1")));
    assertEquals(405, put.status());
    assertTrue(sandbox.requests().isEmpty());
  }

  @Test
  void ignoresABodyThatIsNeitherAFormNorMultipart() {
    Answer a =
        send(
            HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + "?" + credentials() + "&fmt=3"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"get\": 1}")));
    assertEquals("{\"error\": \"parameters error\", \"error_code\": 1}", a.body());
  }

  @Test
  void describesItselfWithoutLeakingSecretsInItsOptions() {
    assertTrue(sandbox.summary().contains(sandbox.apiUrl().toString()));
    assertTrue(sandbox.summary().contains("login: demo"));
    assertFalse(sandbox.options().toString().contains(sandbox.password()));
    assertFalse(sandbox.options().toString().contains(sandbox.apiKey()));
    assertEquals("http://127.0.0.1:" + sandbox.port(), sandbox.baseUrl().toString());
  }

  private MultipartBody withDocument(String fileName, byte[] content) {
    return new MultipartBody.Builder()
        .setType(MultipartBody.FORM)
        .addFormDataPart("login", sandbox.login())
        .addFormDataPart("psw", sandbox.password())
        .addFormDataPart("add", "1")
        .addFormDataPart("sender", "doc_name")
        .addFormDataPart(
            "document",
            fileName,
            RequestBody.create(content, MediaType.get("application/octet-stream")))
        .build();
  }

  private MultipartBody chgWithDocument(String fileName, byte[] content) {
    return new MultipartBody.Builder()
        .setType(MultipartBody.FORM)
        .addFormDataPart("login", sandbox.login())
        .addFormDataPart("psw", sandbox.password())
        .addFormDataPart("chg", "1")
        .addFormDataPart("sender", sandbox.names().get(0).name())
        .addFormDataPart(
            "file",
            fileName,
            RequestBody.create(content, MediaType.get("application/octet-stream")))
        .build();
  }

  private String okhttp(MultipartBody body, String query) throws IOException {
    Request request = new Request.Builder().url(sandbox.apiUrl() + "?" + query).post(body).build();
    try (Response response = OKHTTP.newCall(request).execute()) {
      return response.body().string();
    }
  }
}
