package dev.sendersbot.smsc.sandbox;

import java.util.List;
import java.util.Map;

/** The operator flags the sandbox takes, and the orders in which the reference lists them. */
final class SandboxOperators {

  /** The {@code operators=1} fields of fmt=0, in the reference's order. */
  static final List<String> PLAIN_ORDER =
      List.of(
          "mega_step",
          "bee_step",
          "motiv_step",
          "mts_step",
          "tele2_step",
          "tele2",
          "ua_reg",
          "ua_int",
          "mega_int",
          "motiv_int",
          "mts_int");

  /** The {@code operators=1} fields of fmt=2 and fmt=3, in the reference's (different) order. */
  static final List<String> STRUCTURED_ORDER =
      List.of(
          "mega_step",
          "mega_int",
          "bee_step",
          "motiv_step",
          "motiv_int",
          "mts_step",
          "mts_int",
          "tele2_step",
          "tele2",
          "ua_reg",
          "ua_int");

  /**
   * Every registration flag add and chg take: the reference's eleven and those of the provider's
   * newer parameter page. A name shows a newer flag's status only once it was requested there.
   */
  static final List<String> REQUEST_FLAGS =
      List.of(
          "mts_step",
          "tele2",
          "mega_step",
          "bee_step",
          "motiv_step",
          "tele2_step",
          "mega_int",
          "motiv_int",
          "mts_int",
          "ua_reg",
          "ua_int",
          "sber_step",
          "motiv",
          "winmob_step",
          "volnamob_step",
          "by_reg");

  /** Flags that need organisation details, with the fields each requires. */
  static final Map<String, List<String>> REQUIRED_FIELDS =
      Map.of(
          "ua_reg", List.of("fio", "inn", "email", "address", "desc", "subj"),
          "by_reg", List.of("by_fio", "by_inn", "by_address", "by_ocup"));

  /** Optional details kept with those flags. */
  static final Map<String, List<String>> OPTIONAL_FIELDS =
      Map.of(
          "ua_reg", List.of("site"),
          "by_reg", List.of());

  private SandboxOperators() {}
}
