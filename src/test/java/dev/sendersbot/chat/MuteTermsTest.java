package dev.sendersbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MuteTermsTest {
  static final Instant NOW = Instant.parse("2026-03-02T06:30:00Z");
  static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

  static MuteTerms parse(String args) {
    return MuteTerms.parse(List.of(args.split(" ")), NOW, MOSCOW);
  }

  // Why: the Russian help said "until 09:00" in a Russian sentence; "до 09:00" and "2ч" were
  // refused as sender names containing "д" and "ч".
  @ParameterizedTest
  @CsvSource({
    "SHOP 30m, PT30M",
    "SHOP 30м, PT30M",
    "SHOP 30мин, PT30M",
    "SHOP 2h, PT2H",
    "SHOP 2ч, PT2H",
    "SHOP 2Ч, PT2H",
    "SHOP 1d, PT24H",
    "SHOP 1д, PT24H",
    "SHOP 1дн, PT24H",
    "SHOP 2hours, PT2H",
    "SHOP 3часа, PT3H",
    "SHOP 45min, PT45M",
    "SHOP 1w, PT168H",
    "SHOP 2нед, PT336H",
    "SHOP 1day, PT24H",
    "SHOP до 12:00, PT2H30M",
    "SHOP until 12:00, PT2H30M"
  })
  void spansInEnglishOrRussianUnits(String args, Duration lasts) {
    MuteTerms t = parse(args);

    assertEquals(Set.of("SHOP"), t.names());
    assertEquals(NOW.plus(lasts), t.until());
  }

  // Why: a span out of range was taken for a sender name, and that name muted for good.
  @ParameterizedTest
  @ValueSource(strings = {"SHOP 99999d", "SHOP -5m", "SHOP 0m", "SHOP 366d", "SHOP 1234567h"})
  void aSpanOutOfRangeIsRefusedNotTakenForAName(String args) {
    BadInput e = assertThrows(BadInput.class, () -> parse(args));

    assertEquals("bad.muteSpan", e.key());
  }

  // Why: "/mute 90" or "/mute 30s" muted a sender name "90" or "30S" that nobody has.
  @ParameterizedTest
  @ValueSource(strings = {"90", "SHOP 90", "SHOP 30s", "SHOP 2мес", "SHOP 1y", "SHOP 10сек"})
  void aNumberInNoUnitAMuteTakesIsRefusedNotTakenForAName(String args) {
    BadInput e = assertThrows(BadInput.class, () -> parse(args));

    assertEquals("bad.muteUnit", e.key());
  }

  @ParameterizedTest
  @ValueSource(strings = {"SHOP 5X", "SHOP BANK", "SHOP 2GIS", "SHOP 79991234567"})
  void aLastWordThatIsNoSpanIsAName(String args) {
    MuteTerms t = parse(args);

    assertTrue(t.names().size() == 2 && t.until() == null, t.toString());
  }
}
