package dev.sendersbot.smsc;

import java.util.Objects;

/**
 * One registration flag the provider knows.
 *
 * @param code the short name users type ({@code mts}, {@code tele2free})
 * @param flag the request parameter set to 1 and the status field in lists ({@code mts_step})
 * @param displayName how the operator is shown ({@code MTS})
 * @param meaning what setting the flag asks for
 */
public record Operator(String code, String flag, String displayName, String meaning) {
  public Operator {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(flag, "flag");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(meaning, "meaning");
  }
}
