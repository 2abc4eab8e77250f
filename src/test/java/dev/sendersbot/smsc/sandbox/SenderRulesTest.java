package dev.sendersbot.smsc.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a name, a phone number, a count and a date must look like, and the name they are kept as.
 */
class SenderRulesTest {

  private static int code(org.junit.jupiter.api.function.Executable e) {
    return assertThrows(ApiError.class, e).code();
  }

  @Test
  void keepsAnAlphanumericNameAsGivenUpToElevenCharacters() throws ApiError {
    assertEquals("My.Shop-24_", SenderRules.checkName("My.Shop-24_", false));
    assertEquals(1, code(() -> SenderRules.checkName("My.Shop-24_x", false)));
    assertEquals(1, code(() -> SenderRules.checkName("Магазин", false)));
  }

  @Test
  void keepsADigitalNameWithoutItsPlusUpToFifteenDigits() throws ApiError {
    assertEquals("79991234567", SenderRules.checkName("+79991234567", false));
    assertEquals("123456789012345", SenderRules.checkName("123456789012345", false));
    assertEquals(1, code(() -> SenderRules.checkName("1234567890123456", false)));
  }

  @Test
  void takesOnlyAnEmailAddressWithMail() throws ApiError {
    assertEquals("news@shop.example", SenderRules.checkName("news@shop.example", true));
    assertEquals(1, code(() -> SenderRules.checkName("shop", true)));
    assertEquals(1, code(() -> SenderRules.checkName("news@shop", true)));
  }

  @Test
  void normalisesOnlyTheLeadingPlusOfADigitalName() {
    assertEquals("79991234567", SenderRules.normalise("+79991234567"));
    assertEquals("+shop", SenderRules.normalise("+shop"));
    assertEquals("shop", SenderRules.normalise("shop"));
  }

  @Test
  void readsAPhoneNumberWrittenWithPunctuation() throws ApiError {
    assertEquals("79991234567", SenderRules.checkPhone("+7 (999) 123-45-67"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"799912345", "7999123456789012", "7999abc4567", "++79991234567"})
  void refusesAPhoneNumberOfTheWrongLengthOrWithLettersWithSeven(String raw) {
    assertEquals(7, code(() -> SenderRules.checkPhone(raw)));
  }

  @Test
  void takesOnlyPositiveCounts() throws ApiError {
    assertEquals(15, SenderRules.positive("cnt", "15"));
    for (String raw : new String[] {"0", "-1", "ten", "1.5", "99999999999999999999"}) {
      ApiError e = assertThrows(ApiError.class, () -> SenderRules.positive("cnt", raw));
      assertEquals("cnt must be a positive number: '" + raw + "'", e.getMessage());
    }
  }

  @Test
  void readsFromDateAsARealDayOnly() throws ApiError {
    assertEquals(LocalDate.of(2025, 3, 1), SenderRules.fromDate("01.03.2025"));
    assertEquals(1, code(() -> SenderRules.fromDate("31.02.2025")));
    assertEquals(1, code(() -> SenderRules.fromDate("2025-03-01")));
    assertEquals(1, code(() -> SenderRules.fromDate("1.3.2025")));
  }
}
