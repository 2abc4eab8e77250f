package dev.sendersbot.smsc.sandbox;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A name to put straight into the sandbox, bypassing the API's checks (so tests can create states
 * the API never would, like an unknown operator flag or moderation code).
 *
 * @param name the sender name; must not be blank
 * @param user the owning sub-client; null for the account itself
 * @param comment may be null
 * @param moderation moderation status
 * @param operators status flag to status code; flags the client does not know are fine
 * @param changedAt when those operator statuses changed; null: now
 * @param extraFields further fields for the {@code operators=1} list
 */
public record NameSeed(
    String name,
    String user,
    String comment,
    int moderation,
    Map<String, Integer> operators,
    Instant changedAt,
    Map<String, String> extraFields) {

  public NameSeed {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("seeded name must not be blank");
    }
    name = name.strip();
    user = user == null || user.isBlank() ? null : user.strip();
    operators =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNullElse(operators, Map.of())));
    for (String flag : operators.keySet()) {
      if (!flag.matches("[a-z0-9_]{1,32}")) {
        throw new IllegalArgumentException(
            "operator flag must be a lower-case field name: '" + flag + "'");
      }
    }
    extraFields =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNullElse(extraFields, Map.of())));
  }

  /** An allowed name of the account itself with no operator statuses. */
  public static NameSeed of(String name) {
    return new NameSeed(name, null, null, 1, Map.of(), null, Map.of());
  }

  public NameSeed withUser(String u) {
    return new NameSeed(name, u, comment, moderation, operators, changedAt, extraFields);
  }

  public NameSeed withComment(String c) {
    return new NameSeed(name, user, c, moderation, operators, changedAt, extraFields);
  }

  public NameSeed withModeration(int m) {
    return new NameSeed(name, user, comment, m, operators, changedAt, extraFields);
  }

  /** Keeps the given order, which the {@code operators=1} list follows for unknown flags. */
  public NameSeed withOperators(Map<String, Integer> ops) {
    return new NameSeed(name, user, comment, moderation, ops, changedAt, extraFields);
  }

  public NameSeed withOperator(String flag, int status) {
    Map<String, Integer> ops = new LinkedHashMap<>(operators);
    ops.put(flag, status);
    return withOperators(ops);
  }

  public NameSeed withChangedAt(Instant at) {
    return new NameSeed(name, user, comment, moderation, operators, at, extraFields);
  }

  public NameSeed withExtraFields(Map<String, String> extra) {
    return new NameSeed(name, user, comment, moderation, operators, changedAt, extra);
  }
}
