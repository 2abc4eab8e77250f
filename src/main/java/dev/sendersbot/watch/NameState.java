package dev.sendersbot.watch;

import dev.sendersbot.smsc.Sender;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the watcher remembers of one name: its id, moderation status and every operator status the
 * provider reported, unknown flags included.
 *
 * @param id the provider's id of the name
 * @param moderation moderation status code; null when never reported
 * @param operators operator status field to code, in the provider's order
 */
record NameState(long id, Integer moderation, Map<String, Integer> operators) {

  NameState {
    Objects.requireNonNull(operators, "operators");
    operators = Collections.unmodifiableMap(new LinkedHashMap<>(operators));
  }

  static NameState of(Sender s) {
    return new NameState(s.id(), s.moderation(), s.operators());
  }

  /**
   * The state after a new report: what the provider reported now, and for whatever it left out (a
   * moderation status, an operator field) what was known before, so a field that comes and goes is
   * not taken for a change.
   */
  NameState updatedBy(NameState reported) {
    Map<String, Integer> ops = new LinkedHashMap<>(reported.operators);
    operators.forEach(ops::putIfAbsent);
    Integer mod = reported.moderation != null ? reported.moderation : moderation;
    return new NameState(reported.id, mod, ops);
  }

  /** The operator fields as stored: {@code flag=code} pairs joined by ','. */
  String encodedOperators() {
    StringBuilder b = new StringBuilder(operators.size() * 12);
    operators.forEach(
        (flag, code) -> {
          if (b.length() > 0) {
            b.append(',');
          }
          b.append(flag).append('=').append(code);
        });
    return b.toString();
  }

  static Map<String, Integer> decodeOperators(String encoded) {
    Map<String, Integer> ops = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return ops;
    }
    for (String pair : encoded.split(",")) {
      int eq = pair.lastIndexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "stored operator status '" + pair + "' has no flag=code");
      }
      ops.put(pair.substring(0, eq), Integer.valueOf(pair.substring(eq + 1)));
    }
    return ops;
  }
}
