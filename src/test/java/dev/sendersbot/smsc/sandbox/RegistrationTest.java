package dev.sendersbot.smsc.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an add or chg asks of the operators, applied to one name. */
class RegistrationTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(3600);
  private static final StoredDocument DOC = new StoredDocument("a.pdf", 10, "pdf", null);

  private static Params query(String q) {
    return Params.read(false, q, null, new byte[0]);
  }

  @Test
  void takesTheFlagsSetInTheReferencesOrder() throws ApiError {
    assertEquals(
        List.of("mts_step", "mega_step", "sber_step"),
        Registration.requestedFlags(query("sber_step=1&mega_step=1&mts_step=1&bee_step=0")));
  }

  @Test
  void refusesAFlagWithoutTheDetailsItNeeds() {
    ApiError e =
        assertThrows(
            ApiError.class,
            () -> Registration.requestedFlags(query("by_reg=1&by_fio=A&by_inn=1&by_address=x")));
    assertEquals(1, e.code());
    assertEquals("by_reg=1 without by_ocup", e.getMessage());
  }

  @Test
  void startsANewOperatorAtZeroAndLeavesAKnownOneAsItIs() {
    NameEntry e = new NameEntry(1, "shop", null, T0, false);
    e.setOperator("mts_step", 2, T0);
    Registration.apply(e, query(""), List.of("mts_step", "mega_step"), List.of(), T1);
    assertEquals(Map.of("mts_step", 2, "mega_step", 0), e.operators);
    assertEquals(T0, e.operatorChangedAt.get("mts_step"));
    assertEquals(T1, e.operatorChangedAt.get("mega_step"));
  }

  @Test
  void keepsTheRequiredAndGivenOptionalDetails() {
    NameEntry e = new NameEntry(1, "shop", null, T0, false);
    Params p = query("fio=A&inn=1&email=a%40b.ua&address=x&desc=y&subj=z&site=shop.ua&other=q");
    Registration.apply(e, p, List.of("ua_reg"), List.of(), T1);
    assertEquals(
        Map.of(
            "fio", "A", "inn", "1", "email", "a@b.ua", "address", "x", "desc", "y", "subj", "z",
            "site", "shop.ua"),
        e.registration);
  }

  @Test
  void movesOperatorsThatAskedForDocumentsOnWhenTheyArrive() {
    NameEntry e = new NameEntry(1, "shop", null, T0, false);
    e.setOperator("mega_step", 8, T0);
    e.setOperator("mts_step", 3, T0);
    Registration.apply(e, query(""), List.of(), List.of(), T1);
    assertEquals(8, e.operators.get("mega_step"), "no documents, no change");
    Registration.apply(e, query(""), List.of(), List.of(DOC), T1);
    assertEquals(Map.of("mega_step", 1, "mts_step", 3), e.operators);
    assertEquals(Set.of("mega_step"), e.resubmitted);
    assertEquals(List.of(DOC), e.snapshot().documents());
    assertTrue(e.snapshot().operatorChangedAt().get("mega_step").equals(T1));
  }
}
