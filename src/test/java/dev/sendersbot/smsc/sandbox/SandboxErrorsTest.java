package dev.sendersbot.smsc.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each error code arises over HTTP from the condition the reference names. */
class SandboxErrorsTest extends SandboxTestSupport {

  private String error(String form) {
    return body(form + "&fmt=3");
  }

  private static String code(int n) {
    return "\"error_code\": " + n + "}";
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fmt=3", // no command flag
        "get=1&add=1&sender=my_shop&fmt=3", // two command flags
        "get=0&add=0&fmt=3", // flags set to 0 are not set
        "add=1&fmt=3", // add without sender
        "add=1&sender=&fmt=3", // add with a blank sender
        "add=1&sender=much_too_long_name&fmt=3", // more than 11 characters
        "add=1&sender=bad%20name&fmt=3", // a space
        "add=1&sender=1234567890123456&fmt=3", // a digital name over 15 digits
        "add=1&sender=shop&mail=1&fmt=3", // mail=1 without an e-mail address
        "add=1&sender=shop&ua_reg=1&fio=A&inn=1&email=a%40b.ua&address=x&desc=y&fmt=3", // no subj
        "add=1&sender=shop&by_reg=1&by_fio=A&fmt=3",
        "chg=1&cmt=x&fmt=3", // chg with neither sender nor id
        "del=1&fmt=3", // del with neither
        "del=1&id=abc&fmt=3",
        "send_code=1&fmt=3",
        "check_code=1&sender=79999999999&fmt=3", // no code
        "get=1&from_date=2025-01-01&fmt=3",
        "get=1&from_date=31.02.2025&fmt=3",
        "get=1&prev_id=0&fmt=3",
        "get=1&cnt=ten&fmt=3",
        "get=1&charset=latin-9&fmt=3"
      })
  void answersParameterErrorOneForMissingOrContradictoryParameters(String form) {
    assertEquals("{\"error\": \"parameters error\", \"error_code\": 1}", body(form));
  }

  @Test
  void answersOneForAnUnknownFormatInPlainText() {
    assertEquals("ERROR = 1 (parameters error)", body("get=1&fmt=7"));
  }

  @Test
  void answersTwoForAWrongPasswordLoginOrApiKey() {
    assertTrue(post("login=demo&psw=wrong&get=1&fmt=3").body().endsWith(code(2)));
    assertTrue(post("login=someone&psw=demo-password&get=1&fmt=3").body().endsWith(code(2)));
    assertTrue(post("apikey=nope&get=1&fmt=3").body().endsWith(code(2)));
    assertTrue(post("login=demo&get=1&fmt=3").body().endsWith(code(2)));
    assertEquals(
        "{\"error\": \"invalid login or password\", \"error_code\": 2}",
        post("get=1&fmt=3").body());
  }

  @Test
  void answersThreeForAnUnknownNameOrId() {
    long id = sandbox.seed(NameSeed.of("my_shop"));
    assertTrue(error("chg=1&sender=other&cmt=x").endsWith(code(3)));
    assertTrue(error("chg=1&id=" + (id + 1) + "&cmt=x").endsWith(code(3)));
    assertTrue(error("del=1&id=" + (id + 100)).endsWith(code(3)));
    // sender and id given together must name the same sender
    long other = sandbox.seed(NameSeed.of("other"));
    assertTrue(error("del=1&sender=my_shop&id=" + other).endsWith(code(3)));
    assertEquals("{\"result\": \"OK\"}", error("del=1&sender=my_shop&id=" + id));
  }

  @Test
  void answersThreeWhenTheSiteToSendCodesFromIsNotAnActivatedName() {
    sandbox.seed(NameSeed.of("waiting").withModeration(0));
    assertTrue(error("send_code=1&sender=79991112233&site=nosuch").endsWith(code(3)));
    assertTrue(error("send_code=1&sender=79991112233&site=waiting").endsWith(code(3)));
    sandbox.seed(NameSeed.of("mysite.ru"));
    assertEquals(
        "{\"result\": \"OK\"}",
        error("send_code=1&sender=79991112233&site=mysite.ru&site_name=mysite.ru"));
    SentCode sent = sandbox.lastCode("79991112233").orElseThrow();
    assertEquals("mysite.ru", sent.site());
    assertTrue(sent.text().contains(sent.code()) && sent.text().contains("mysite.ru"));
  }

  @Test
  void answersFiveForADuplicateName() {
    assertTrue(body("add=1&sender=my_shop").startsWith("ID = "));
    assertEquals("ERROR = 5 (error saving or deleting sender)", body("add=1&sender=MY_SHOP"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"12ab5678901", "123", "+7 999", "7999999999999999", "phone"})
  void answersSevenForAMalformedNumber(String phone) {
    assertTrue(error("send_code=1&sender=" + enc(phone)).endsWith(code(7)));
    assertTrue(error("check_code=1&code=123456&sender=" + enc(phone)).endsWith(code(7)));
  }

  @Test
  void acceptsAFormattedNumberAndDropsThePunctuation() {
    assertEquals("OK", body("send_code=1&sender=" + enc("+7 (999) 123-45-67")));
    assertEquals("79991234567", sandbox.sentCodes().get(0).phone());
  }

  @Test
  void answersEightForANumberEndingInFourZeros() {
    assertEquals(
        "ERROR = 8 (code can not be delivered to this number)",
        body("send_code=1&sender=79990000000"));
    assertTrue(sandbox.sentCodes().isEmpty());
    // an undeliverable number does not start the 8-hour wait for anything else
    assertEquals("OK", body("send_code=1&sender=79990000001"));
  }

  @Test
  void answersTenForASecondCodeToTheSameNumberWithinEightHours() {
    assertEquals("OK", body("send_code=1&sender=79999999999"));
    clock.advance(Duration.ofHours(8).minusSeconds(1));
    assertEquals(
        "ERROR = 10 (code was already sent, retry in 8 hours)",
        body("send_code=1&sender=79999999999"));
    // the number is the limit, whoever asks
    assertTrue(error("send_code=1&sender=79999999999&user=sub1").endsWith(code(10)));
    clock.advance(Duration.ofSeconds(1));
    assertEquals("OK", body("send_code=1&sender=79999999999"));
    assertEquals(2, sandbox.sentCodes().size());
  }

  @Test
  void answersElevenForAWrongCodeAndConfirmsWithTheRightOne() {
    assertEquals("OK", body("send_code=1&sender=79999999999"));
    String code = sandbox.lastCode("79999999999").orElseThrow().code();
    assertTrue(code.matches("[0-9]{6}"), code);
    String wrong = code.equals("111111") ? "222222" : "111111";
    assertEquals(
        "ERROR = 11 (invalid code)", body("check_code=1&sender=79999999999&code=" + wrong));
    assertEquals("OK", body("check_code=1&sender=79999999999&code=" + code));
    SandboxName confirmed = sandbox.name("79999999999", null).orElseThrow();
    assertEquals(1, confirmed.moderation());
    // a code is used up once it confirmed the name
    assertTrue(error("check_code=1&sender=79999999999&code=" + code).endsWith(code(11)));
  }

  @Test
  void confirmsADigitalNameAddedBeforeAndAllowsIt() {
    long id = Long.parseLong(body("add=1&sender=%2B79995554433&fmt=1"));
    assertEquals(0, sandbox.name(id).orElseThrow().moderation());
    assertEquals("", body("get=1"), "a name waiting for moderation is not listed without all=1");
    body("send_code=1&sender=79995554433");
    String code = sandbox.lastCode("79995554433").orElseThrow().code();
    assertEquals("OK", body("check_code=1&sender=%2B79995554433&code=" + code));
    assertEquals(1, sandbox.name(id).orElseThrow().moderation());
    assertEquals("name = 79995554433, id = " + id, body("get=1"));
  }

  @Test
  void answersElevenForACodeSentToAnotherSubClient() {
    body("send_code=1&sender=79999999999&user=sub1");
    String code = sandbox.lastCode("79999999999").orElseThrow().code();
    assertEquals("sub1", sandbox.lastCode("79999999999").orElseThrow().user());
    assertTrue(error("check_code=1&sender=79999999999&code=" + code).endsWith(code(11)));
    assertTrue(
        error("check_code=1&sender=79999999999&code=" + code + "&user=sub2").endsWith(code(11)));
    assertEquals("OK", body("check_code=1&sender=79999999999&code=" + code + "&user=sub1"));
    assertTrue(sandbox.name("79999999999", "sub1").isPresent());
    assertFalse(sandbox.name("79999999999", null).isPresent());
  }

  @Test
  void forcesTheNextAnswersToAnErrorForOneOperationOnly() {
    sandbox.failNext("add", 2, 5);
    assertEquals("", body("get=1"));
    assertEquals("ERROR = 5 (error saving or deleting sender)", body("add=1&sender=a1"));
    assertEquals("0,-5", body("add=1&sender=a1&fmt=1"));
    assertEquals("ID = 1", body("add=1&sender=a1"));
  }

  @Test
  void forcesAnHttpErrorWithAnHtmlPage() {
    sandbox.failNextHttp(1, 502);
    Answer a = api("get=1&fmt=3");
    assertEquals(502, a.status());
    assertTrue(a.contentType().startsWith("text/html"), a.contentType());
    assertTrue(a.body().startsWith("<html>"), a.body());
    assertEquals(200, api("get=1&fmt=3").status());
  }
}
