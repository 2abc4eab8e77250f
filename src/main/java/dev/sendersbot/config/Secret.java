package dev.sendersbot.config;

import java.util.Objects;

/**
 * A secret value (token, password, API key). {@link #toString()} masks it, so a secret that reaches
 * a log line, a reply or an exception message by accident still does not leak.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** Null or blank gives null: an absent secret. */
  public static Secret ofNullable(String value) {
    return value == null || value.isBlank() ? null : new Secret(value.strip());
  }

  /** The secret itself; call only where it must go on the wire. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "****";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
