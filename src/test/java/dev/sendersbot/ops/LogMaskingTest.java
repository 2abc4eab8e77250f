package dev.sendersbot.ops;

import static dev.sendersbot.ops.Secrets.API_KEY;
import static dev.sendersbot.ops.Secrets.BOT_ID;
import static dev.sendersbot.ops.Secrets.CODE;
import static dev.sendersbot.ops.Secrets.PASSWORD;
import static dev.sendersbot.ops.Secrets.PASSWORD_MD5;
import static dev.sendersbot.ops.Secrets.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogMaskingTest {

  @BeforeEach
  void registerThisRunsSecrets() {
    LogMasking.register(Secrets.config());
  }

  @AfterEach
  void forget() {
    LogMasking.registerSecrets(List.of());
  }

  @Test
  void masksTheTokenInsideABotUrlPathAndKeepsTheBotId() {
    assertEquals(
        "POST http://127.0.0.1:9/bot" + BOT_ID + ":****/getUpdates failed",
        LogMasking.mask("POST http://127.0.0.1:9/bot" + TOKEN + "/getUpdates failed"));
  }

  @Test
  void masksTokenShapedTextNobodyRegistered() {
    LogMasking.registerSecrets(List.of());
    assertEquals(
        "https://api.telegram.org/file/bot123456789:****/photos/1.jpg",
        LogMasking.mask(
            "https://api.telegram.org/file/bot123456789:"
                + "AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQ/photos/1.jpg"));
  }

  @Test
  void masksThePasswordItsMd5AndItsUrlEncodedForm() {
    assertEquals(
        "login failed for **** / **** / ****",
        LogMasking.mask(
            "login failed for " + PASSWORD + " / " + PASSWORD_MD5 + " / s3cr3t-P%40ss"));
  }

  /** The start-up line prints unset secrets as "(not set)": it must still read so. */
  @Test
  void aSecretKeyNotSetStaysReadable() {
    assertEquals(
        "smsc.api-key=(not set) storage.password=(not set) smsc.password=****",
        LogMasking.mask("smsc.api-key=(not set) storage.password=(not set) smsc.password=****"));
    assertEquals("password=****", LogMasking.mask("password=(not-set"));
  }

  @Test
  void masksTheDatabasePasswordAndTheWebhookSecret() {
    LogMasking.register(Secrets.configWithStorageAndWebhookSecrets());
    assertEquals(
        "connect failed: ****, ****",
        LogMasking.mask("connect failed: " + Secrets.DB_PASSWORD + ", " + Secrets.WEBHOOK_SECRET));
  }

  @Test
  void masksTheApiKeyWherePatternsWouldNotSeeIt() {
    assertEquals("header X-Key: ****", LogMasking.mask("header X-Key: " + API_KEY));
  }

  @Test
  void masksFormAndQueryValuesByKeyEvenWhenNotRegistered() {
    LogMasking.registerSecrets(List.of());
    assertEquals(
        "get=1&login=alex&psw=****&fmt=3 apikey=**** api_key=**** Password=****",
        LogMasking.mask("get=1&login=alex&psw=hunter2&fmt=3 apikey=abc api_key=def Password=ghi"));
  }

  @Test
  void masksTheConfirmationCodeButKeepsTheCommandFlagAndErrorCodes() {
    LogMasking.registerSecrets(List.of());
    assertEquals(
        "check_code=1&sender=79999999999&code=**** -> error_code=11",
        LogMasking.mask("check_code=1&sender=79999999999&code=" + CODE + " -> error_code=11"));
    assertEquals(
        "CheckCodeRequest[sender=79999999999, code=****, user=null]",
        LogMasking.mask("CheckCodeRequest[sender=79999999999, code=" + CODE + ", user=null]"));
  }

  @Test
  void masksSecretValuesInJson() {
    LogMasking.registerSecrets(List.of());
    assertEquals(
        "{\"login\":\"alex\",\"psw\":\"****\",\"code\":****,\"apikey\" : \"****\"}",
        LogMasking.mask(
            "{\"login\":\"alex\",\"psw\":\"a\\\"b\",\"code\":338824,\"apikey\" : \"x\"}"));
  }

  @Test
  void masksTheCodeTypedIntoConfirm() {
    LogMasking.registerSecrets(List.of());
    assertEquals("chat 42: /confirm ****", LogMasking.mask("chat 42: /confirm 338824"));
    assertEquals(
        "chat 42: /confirm@SendersBot 79991234567 ****",
        LogMasking.mask("chat 42: /confirm@SendersBot 79991234567 338824"));
  }

  // People type the code anywhere after /confirm, next to words, punctuation and the phone number.
  @Test
  void masksTheCodeWhereverItStandsAfterConfirm() {
    LogMasking.registerSecrets(List.of());
    assertEquals(
        "chat 42: /confirm please ****", LogMasking.mask("chat 42: /confirm please 338824"));
    assertEquals(
        "chat 42: /confirm ****, 79991234567",
        LogMasking.mask("chat 42: /confirm 338824, 79991234567"));
    assertEquals(
        "text \"/confirm «code:****» +79991234567\" in",
        LogMasking.mask("text \"/confirm «code:338824» +79991234567\" in"));
    assertEquals(
        "{\"text\":\"/confirm\\n****\"}", LogMasking.mask("{\"text\":\"/confirm\\n338824\"}"));
    assertEquals(
        "/confirm **** **** (the code, typed with a space)",
        LogMasking.mask("/confirm 338 824 (the code, typed with a space)"));
    // Other secrets on the line go as anywhere; so does a bot id there, being of a code's length.
    assertEquals(
        "/confirm **** psw=**** token ****:****",
        LogMasking.mask("/confirm 338824 psw=s3cret token 1234567:" + "A".repeat(35)));
  }

  @Test
  void returnsTheSameInstanceWhenNothingMatches() {
    String line = "chat 42 /senders all: ok in 120 ms";
    assertSame(line, LogMasking.mask(line));
    assertNull(LogMasking.mask(null));
  }

  // A short password masked everywhere would blank every matching number in the log.
  @Test
  void masksAShortSecretOnlyAsAWholeWord() {
    LogMasking.registerSecrets(List.of("2024"));
    assertEquals(
        "password **** rejected in 20245 ms",
        LogMasking.mask("password 2024 rejected in 20245 ms"));
  }

  @Test
  void aNewRegistrationReplacesTheOldSecrets() {
    LogMasking.registerSecrets(List.of("first-secret-value"));
    LogMasking.registerSecrets(List.of("second-secret-value"));
    assertEquals(
        "first-secret-value ****", LogMasking.mask("first-secret-value second-secret-value"));
  }
}
