package dev.sendersbot.smsc.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.testing.FakeClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names by owner and id, as the control interface and the operations see them. */
class NameStoreTest {
  private final FakeClock clock = new FakeClock(SandboxTestSupport.WEEKDAY_MORNING);
  private final NameStore store =
      new NameStore(clock, new AutoProgress(SandboxOptions.defaults().withClock(clock)));

  @Test
  void holdsANameOncePerOwnerWhateverItsCase() {
    store.seed(NameSeed.of("Shop"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> store.seed(NameSeed.of("SHOP")));
    assertEquals("sender 'SHOP' already exists", e.getMessage());
    long sub = store.seed(NameSeed.of("shop").withUser("branch1"));
    assertEquals(sub, store.idOf("Shop", "branch1"));
    assertThrows(
        IllegalArgumentException.class, () -> store.seed(NameSeed.of("shop").withUser("branch1")));
  }

  @Test
  void findsADigitalNameWrittenWithItsPlusAndTakesABlankUserForTheAccount() {
    long id = store.seed(NameSeed.of("79991234567"));
    assertEquals(id, store.idOf(" +79991234567 ", "  "));
    assertEquals(id, store.name("+79991234567", null).orElseThrow().id());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> store.idOf("79991234567", "branch1"));
    assertEquals("no sender '79991234567' for sub-client branch1", e.getMessage());
  }

  @Test
  void listsNewestFirstAndPagesBelowAnId() {
    for (String n : List.of("a", "b", "c", "d")) {
      store.seed(NameSeed.of(n));
    }
    synchronized (store) {
      assertEquals(List.of("d", "c", "b", "a"), names(store.newestFirst(null)));
      assertEquals(List.of("b", "a"), names(store.newestFirst(3L)));
    }
  }

  @Test
  void goesOnNumberingAfterClearAndAfterARemoval() {
    store.seed(NameSeed.of("a"));
    long b = store.seed(NameSeed.of("b"));
    assertTrue(store.remove(b));
    assertFalse(store.remove(b));
    store.clear();
    assertTrue(store.names().isEmpty());
    assertEquals(3, store.seed(NameSeed.of("a")));
  }

  @Test
  void bulkSeedsNumberOnAcrossCallsAndStepOverNamesAlreadyThere() {
    store.seed(NameSeed.of("BULK0000002"));
    assertEquals(2, store.bulkSeed(3, null).size());
    assertEquals(2, store.bulkSeed(2, null).size());
    List<String> names = store.names().stream().map(SandboxName::name).toList();
    assertEquals(
        List.of("BULK0000002", "BULK0000001", "BULK0000003", "BULK0000004", "BULK0000005"), names);
    assertThrows(IllegalArgumentException.class, () -> store.bulkSeed(-1, null));
  }

  @Test
  void setsStatusesFromTheControlInterfaceDatedByTheClockUnlessGivenADate() {
    long id = store.seed(NameSeed.of("shop").withModeration(0));
    clock.advance(java.time.Duration.ofMinutes(5));
    SandboxName n = store.setOperatorStatus(id, "sber_step", 2, null);
    assertEquals(clock.instant(), n.operatorChangedAt().get("sber_step"));
    assertEquals(1, store.setModeration(id, 1).moderation());
    assertEquals("x", store.setExtraField(id, "analog", "x").extraFields().get("analog"));
    assertTrue(store.setExtraField(id, "analog", null).extraFields().isEmpty());
    assertThrows(
        IllegalArgumentException.class, () -> store.setOperatorStatus(id, "Sber", 2, null));
    assertThrows(IllegalArgumentException.class, () -> store.setModeration(id + 1, 1));
  }

  private static List<String> names(Iterable<NameEntry> entries) {
    List<String> out = new ArrayList<>();
    entries.forEach(e -> out.add(e.name));
    return out;
  }
}
