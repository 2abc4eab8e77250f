package dev.sendersbot.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SenderNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"79991234567", "+79991234567", "6834002", "123456789012345"})
  void aPhoneNumberInInternationalFormatIsADigitalName(String name) {
    assertTrue(SenderNames.isDigital(name));
    assertEquals(name.replace("+", ""), SenderNames.checkPhone(name));
  }

  // Why: "/add 12345" and "/add 0" were called digital names, and the /sendcode the bot then
  // suggested met provider error 7 (bad number format).
  @ParameterizedTest
  @ValueSource(strings = {"0", "12345", "123456"})
  void fewerDigitsMakeAnOrdinaryNameAndNoPhone(String name) {
    assertFalse(SenderNames.isDigital(name));
    assertEquals(name, SenderNames.check(name));
    assertThrows(IllegalArgumentException.class, () -> SenderNames.checkPhone(name));
  }

  // Why: "/sendcode 89990001133", as Russians dial at home, texted +89990001133, which is nobody.
  @org.junit.jupiter.api.Test
  void aRussianNumberWithItsTrunkPrefixIsRefusedWithItsInternationalForm() {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> SenderNames.checkPhone("8 999 000-11-33"));

    assertEquals(InvalidValueException.Problem.PHONE_TRUNK_PREFIX, e.problem());
    assertEquals("79990001133", e.detail());
  }
}
