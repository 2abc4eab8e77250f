package dev.sendersbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Types and ranges come from {@link Key}: the bounds there are the bounds enforced. */
class TypedValuesTest {

  static Stream<Key> durationKeys() {
    return Arrays.stream(Key.values()).filter(k -> k.type() == Key.Type.DURATION);
  }

  static Stream<Key> integerKeys() {
    return Arrays.stream(Key.values()).filter(k -> k.type() == Key.Type.INTEGER);
  }

  private static RawValues set(Key k, String text) {
    RawValues raw = new RawValues();
    raw.put(k, new RawValues.Raw(text, null, null));
    return raw;
  }

  /** The bound as Key writes it, moved by one of its own unit: {@code 5m} and 1 give {@code 6m}. */
  private static String step(String bound, int by) {
    Matcher m = Pattern.compile("(\\d+)([a-z]+)").matcher(bound);
    assertTrue(m.matches(), bound);
    return (Long.parseLong(m.group(1)) + by) + m.group(2);
  }

  @ParameterizedTest
  @MethodSource("durationKeys")
  void durationBoundsFromKeyAreAcceptedAndOneUnitBeyondIsRefused(Key k) {
    for (String ok : List.of(k.minText().orElseThrow(), k.maxText().orElseThrow())) {
      RawValues raw = set(k, ok);
      assertEquals(Durations.parse(ok).orElseThrow(), new TypedValues(raw).duration(k));
      assertEquals(List.of(), raw.problems());
    }
    String range =
        "between "
            + Durations.format(k.minDuration())
            + " and "
            + Durations.format(k.maxDuration());
    List<String> beyond = new ArrayList<>(List.of(step(k.maxText().orElseThrow(), 1)));
    if (!k.minDuration().isZero()) {
      beyond.add(step(k.minText().orElseThrow(), -1));
    }
    for (String bad : beyond) {
      RawValues raw = set(k, bad);
      assertEquals(k.defaultDuration(), new TypedValues(raw).duration(k), "the default stands in");
      assertEquals(
          List.of(
              new ConfigException.Problem(
                  k.path(), "'" + bad + "' is out of range: it must be " + range)),
          raw.problems());
    }
  }

  @ParameterizedTest
  @MethodSource("integerKeys")
  void integerBoundsFromKeyAreAcceptedAndOneBeyondIsRefused(Key k) {
    for (int ok : new int[] {k.minInt(), k.maxInt()}) {
      RawValues raw = set(k, String.valueOf(ok));
      assertEquals(ok, new TypedValues(raw).integer(k));
      assertEquals(List.of(), raw.problems());
    }
    for (int bad : new int[] {k.minInt() - 1, k.maxInt() + 1}) {
      RawValues raw = set(k, String.valueOf(bad));
      assertEquals(k.defaultInt(), new TypedValues(raw).integer(k), "the default stands in");
      assertEquals(
          List.of(
              new ConfigException.Problem(
                  k.path(),
                  "'"
                      + bad
                      + "' is out of range: it must be between "
                      + k.minInt()
                      + " and "
                      + k.maxInt())),
          raw.problems());
    }
  }

  @Test
  void unsetKeysGiveTheirDefaultsFromKey() {
    TypedValues none = new TypedValues(new RawValues());
    assertEquals(Duration.ofSeconds(20), none.duration(Key.SMSC_TIMEOUT));
    assertEquals(2, none.integer(Key.GATEWAY_LISTS_PER_MINUTE));
    assertEquals(true, none.bool(Key.HTTP_ENABLED));
    assertEquals(Key.STORAGE_DATABASE.defaultPath(), none.path(Key.STORAGE_DATABASE));
    assertEquals(Key.SMSC_BASE_URL.defaultUri(), none.url(Key.SMSC_BASE_URL, true));
    assertEquals(List.of(), none.userIds(Key.TELEGRAM_OWNERS));
  }

  @Test
  void valueFromTheEnvironmentNamesItsVariable() {
    RawValues raw = new RawValues();
    raw.put(Key.WATCH_INTERVAL, new RawValues.Raw("often", null, "WATCH_INTERVAL"));
    new TypedValues(raw).duration(Key.WATCH_INTERVAL);
    assertEquals(
        List.of(
            new ConfigException.Problem(
                "watch.interval",
                "'often' (from WATCH_INTERVAL)"
                    + " is not a duration; write it as 500ms, 30s, 5m, 1h or 365d")),
        raw.problems());
  }

  @Test
  void userIdsInAListAreNamedByIndex() {
    RawValues raw = new RawValues();
    raw.put(Key.TELEGRAM_OWNERS, new RawValues.Raw(null, List.of("5", "bob", "-7", "5", ""), null));
    assertEquals(List.of(5L), new TypedValues(raw).userIds(Key.TELEGRAM_OWNERS));
    assertEquals(
        List.of("telegram.owners[1]", "telegram.owners[2]"),
        raw.problems().stream().map(ConfigException.Problem::key).toList());
  }

  @Test
  void urlCredentialsPathQueryAndFragmentNeverShowInAMessage() {
    assertEquals(
        "https://…@smsc.ru/…?…", TypedValues.safeUrl("https://acme:pw@smsc.ru/x?psw=pw#f"));
    assertEquals(
        "https://api.telegram.org/…",
        TypedValues.safeUrl("https://api.telegram.org/bot123456:AAHsecret"));
    assertEquals("https://smsc.ru/", TypedValues.safeUrl("https://smsc.ru/"));
    assertEquals("https://smsc.ru?…", TypedValues.safeUrl("https://smsc.ru#pw"));
    assertEquals("https://smsc.ru", TypedValues.safeUrl("https://smsc.ru"));
    RawValues raw = set(Key.SMSC_BASE_URL, "https://acme:pw@smsc.ru");
    new TypedValues(raw).url(Key.SMSC_BASE_URL, true);
    assertTrue(
        raw.problems().get(0).message().startsWith("'https://…@smsc.ru' must not carry"),
        raw.problems().toString());
  }
}
