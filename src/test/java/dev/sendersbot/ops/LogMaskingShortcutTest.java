package dev.sendersbot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * The cheap test in front of the pattern skips only text the pattern would leave alone: on text
 * stitched from secrets, keys, separators and noise, the shortcut and the full scan agree.
 */
class LogMaskingShortcutTest {

  @BeforeProperty
  void register() {
    LogMasking.register(Secrets.config());
  }

  @AfterProperty
  void forget() {
    LogMasking.registerSecrets(List.of());
  }

  @Property(tries = 3000)
  void shortcutAndFullScanAgree(@ForAll("logText") String text) {
    assertEquals(LogMasking.maskByPattern(text), LogMasking.mask(text));
  }

  @Provide
  Arbitrary<String> logText() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.of(
                Secrets.TOKEN,
                Secrets.TOKEN_SECRET,
                Secrets.PASSWORD,
                Secrets.PASSWORD_MD5,
                Secrets.API_KEY,
                Secrets.STRANGER_TOKEN,
                "s3cr3t-P%40ss"),
            Arbitraries.of(
                "psw",
                "PSW",
                "apikey",
                "api_key",
                "code",
                "check_code",
                "error_code",
                "token",
                "Password",
                "/confirm",
                "/CONFIRM@Bot",
                "\"psw\"",
                "\"code\"",
                "/bot"),
            Arbitraries.of("=", ":", "\"", " ", "&", "/", ",", ": ", "?", "\n", "-", "_"),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(13),
            Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('A', 'Z')
                .withChars("_-")
                .ofMinLength(1)
                .ofMaxLength(35),
            Arbitraries.strings().ofMaxLength(6));
    return piece.list().ofMaxSize(12).map(parts -> String.join("", parts));
  }
}
