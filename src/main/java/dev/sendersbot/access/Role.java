package dev.sendersbot.access;

import java.util.Locale;
import java.util.Optional;

/** A chat's role, ordered: each role has the rights of those before it. Owners are above all. */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String s) {
    if (s == null) {
      return Optional.empty();
    }
    for (Role r : values()) {
      if (r.word().equals(s.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
