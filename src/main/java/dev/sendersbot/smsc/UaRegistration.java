package dev.sendersbot.smsc;

/**
 * The organisation details {@code ua_reg=1} requires.
 *
 * @param site optional
 */
public record UaRegistration(
    String fio, String inn, String email, String address, String desc, String subj, String site) {
  public UaRegistration {
    require("fio", fio);
    require("inn", inn);
    require("email", email);
    require("address", address);
    require("desc", desc);
    require("subj", subj);
  }

  private static void require(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("ua_reg needs " + field);
    }
  }
}
