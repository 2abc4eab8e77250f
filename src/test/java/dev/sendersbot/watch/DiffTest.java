package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.smsc.Sender;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiffTest {

  private static Sender sender(long id, String name, Integer moderation, Object... ops) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < ops.length; i += 2) {
      m.put((String) ops[i], (Integer) ops[i + 1]);
    }
    return new Sender(id, name, moderation, m, Map.of());
  }

  private static Map<String, NameState> snapshot(Sender... senders) {
    Map<String, NameState> m = new HashMap<>();
    for (Sender s : senders) {
      m.put(s.name(), NameState.of(s));
    }
    return m;
  }

  @Test
  void nothingChangedGivesNothingToWrite() {
    Sender a = sender(1, "A", 1, "mts_step", 2, "x_future", 1);
    Diff.Result r = Diff.of(snapshot(a), List.of(a), true);
    assertTrue(r.changes().isEmpty());
    assertTrue(r.upserts().isEmpty());
    assertTrue(r.removed().isEmpty());
  }

  @Test
  void eachOperatorAndTheModerationChangeSeparately() {
    Diff.Result r =
        Diff.of(
            snapshot(sender(1, "A", 0, "mts_step", 1, "x_future", 1)),
            List.of(sender(1, "A", 1, "mts_step", 3, "x_future", 1, "mega_step", 0)),
            false);
    assertEquals(
        List.of(
            Change.moderation("A", 0, 1),
            Change.operator("A", "mts_step", 1, 3),
            Change.operator("A", "mega_step", null, 0)),
        r.changes());
    assertEquals(
        Map.of("mts_step", 3, "x_future", 1, "mega_step", 0), r.upserts().get("A").operators());
  }

  // A field the provider leaves out once (an empty value) is not a change and is not forgotten.
  @Test
  void aFieldMissingFromOneAnswerIsKeptAndNotReported() {
    Map<String, NameState> before = snapshot(sender(1, "A", 1, "mts_step", 2, "ua_reg", 1));
    Diff.Result r = Diff.of(before, List.of(sender(1, "A", null, "mts_step", 2)), true);
    assertTrue(r.changes().isEmpty());
    assertTrue(r.upserts().isEmpty(), "the merged state equals what was stored");
  }

  @Test
  void aRecentChangesListNeverRemovesButAFullListDoes() {
    Map<String, NameState> before = snapshot(sender(1, "A", 1), sender(2, "B", 1));
    assertTrue(Diff.of(before, List.of(sender(1, "A", 1)), false).removed().isEmpty());
    Diff.Result full = Diff.of(before, List.of(sender(1, "A", 1)), true);
    assertEquals(List.of("B"), full.removed());
    assertEquals(List.of(Change.removed("B")), full.changes());
  }

  @Test
  void aNewNameIsAddedWithItsModeration() {
    Diff.Result r = Diff.of(Map.of(), List.of(sender(9, "NEW", 0, "mts_step", 0)), false);
    assertEquals(List.of(Change.added("NEW", 0)), r.changes());
    assertEquals(9, r.upserts().get("NEW").id());
  }

  // A name listed twice must give the same result on every poll: the first entry counts.
  @Test
  void aNameListedTwiceCountsOnce() {
    Map<String, NameState> before = snapshot(sender(1, "A", 1, "mts_step", 2));
    Diff.Result r =
        Diff.of(
            before,
            List.of(sender(1, "A", 1, "mts_step", 2), sender(77, "A", 1, "mts_step", 3)),
            true);
    assertTrue(r.changes().isEmpty());
  }

  @Test
  void theOperatorsEncodingKeepsUnknownFlagsAndOrder() {
    NameState s = new NameState(5, null, new LinkedHashMap<>(Map.of("zz_new_step", 8)));
    String enc = new NameState(5, null, s.operators()).encodedOperators();
    assertEquals("zz_new_step=8", enc);
    Map<String, Integer> ops = new LinkedHashMap<>();
    ops.put("tele2", 1);
    ops.put("mts_step", 2);
    ops.put("by_reg", 3);
    NameState t = new NameState(5, 1, ops);
    assertEquals("tele2=1,mts_step=2,by_reg=3", t.encodedOperators());
    assertEquals(
        List.of("tele2", "mts_step", "by_reg"),
        List.copyOf(NameState.decodeOperators(t.encodedOperators()).keySet()));
  }

  @Test
  void wordsAndNoise() {
    assertTrue(Change.operator("A", "mts_step", 1, 3).actionable());
    assertTrue(Change.operator("A", "mts_step", 2, 4).actionable());
    assertTrue(Change.operator("A", "mts_step", 2, 5).actionable());
    assertTrue(Change.operator("A", "mts_step", 1, 8).actionable());
    assertFalse(Change.operator("A", "mts_step", 0, 1).actionable());
    assertFalse(Change.operator("A", "mts_step", 1, 2).actionable());
    assertTrue(Change.moderation("A", 1, 2).actionable());
    assertFalse(Change.moderation("A", 0, 1).actionable());
    assertFalse(Change.added("A", 0).actionable());
    assertEquals(
        "🔴 <code>a&lt;b</code> · Megafon: allowed by the operator → "
            + "<b>supporting documents required</b>",
        Change.operator("a<b", "mega_step", 2, 8).html(Readers.ENGLISH_UTC.of(0)));
  }

  @Test
  void inRussianTheOperatorStatusesAreTheProvidersOwnWords() {
    assertEquals(
        "🔴 <code>a&lt;b</code> · МегаФон: допущено оператором → "
            + "<b>необходимы подтверждающие документы</b>",
        Change.operator("a<b", "mega_step", 2, 8)
            .html(
                dev.sendersbot.i18n.Texts.of(
                    dev.sendersbot.i18n.Lang.RU, java.time.ZoneId.of("Europe/Moscow"))));
  }
}
