package dev.sendersbot.smsc;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator flags of the reference, as data. The provider's set changes over time: a status
 * field not listed here is still kept and shown under its raw flag name.
 */
public final class Operators {

  public static final List<Operator> KNOWN =
      List.of(
          new Operator("mts", "mts_step", "MTS", "register a paid name with MTS"),
          new Operator("mega", "mega_step", "Megafon", "register a paid name with Megafon"),
          new Operator("bee", "bee_step", "Beeline", "register a paid name with Beeline"),
          new Operator("motiv", "motiv_step", "MOTIV", "register a paid name with MOTIV"),
          new Operator("tele2", "tele2_step", "Tele2", "register a paid name with Tele2"),
          new Operator(
              "tele2free",
              "tele2",
              "Tele2 (free names)",
              "register a name with Tele2 at the tariff with free names"),
          new Operator(
              "mega_int",
              "mega_int",
              "Megafon common name",
              "enable replacement with a common name for Megafon"),
          new Operator(
              "motiv_int",
              "motiv_int",
              "MOTIV common name",
              "enable replacement with a common name for MOTIV"),
          new Operator(
              "mts_int",
              "mts_int",
              "MTS common name",
              "enable replacement with a common name for MTS"),
          new Operator(
              "ua",
              "ua_reg",
              "Ukraine (national)",
              "register a name for Ukraine at the national traffic rate (needs organisation details)"),
          new Operator(
              "ua_int",
              "ua_int",
              "Ukraine (international)",
              "register a name for Ukraine at the international traffic rate"));

  private static final Set<String> FLAGS =
      KNOWN.stream().map(Operator::flag).collect(Collectors.toUnmodifiableSet());

  private Operators() {}

  /** By the code a user types or by the flag name, case-insensitive. */
  public static Optional<Operator> find(String codeOrFlag) {
    if (codeOrFlag == null) {
      return Optional.empty();
    }
    String k = codeOrFlag.strip().toLowerCase(Locale.ROOT);
    for (Operator o : KNOWN) {
      if (o.code().equals(k)) {
        return Optional.of(o);
      }
    }
    for (Operator o : KNOWN) {
      if (o.flag().equals(k)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  /**
   * The display name of a status field, or the raw field name when this version does not know it.
   */
  public static String displayName(String flag) {
    for (Operator o : KNOWN) {
      if (o.flag().equals(flag)) {
        return o.displayName();
      }
    }
    return flag;
  }

  /** Whether a list field is an operator status field (known, or shaped like one). */
  public static boolean isStatusField(String field) {
    return FLAGS.contains(field)
        || field.endsWith("_step")
        || field.endsWith("_int")
        || field.endsWith("_reg")
        || field.endsWith("_status");
  }

  /**
   * The known flag's own string when {@code field} is one, else {@code field}: names read back from
   * storage then compare by identity with the parser's, which are interned.
   */
  public static String knownFlag(String field) {
    String known = knownFlag(field, 0, field.length());
    return known == null ? field : known;
  }

  /** The known flag spelled by {@code text[from, to)}, or null: looked up without a substring. */
  public static String knownFlag(String text, int from, int to) {
    for (Operator o : KNOWN) {
      String f = o.flag();
      if (f.length() == to - from && text.regionMatches(from, f, 0, f.length())) {
        return f;
      }
    }
    return null;
  }
}
