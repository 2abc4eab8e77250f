package dev.sendersbot.watch;

import dev.sendersbot.smsc.OperatorCodes;
import dev.sendersbot.smsc.Operators;
import dev.sendersbot.smsc.Sender;
import java.util.Map;
import java.util.Objects;

/**
 * What the watcher remembers of one name: its id, moderation status and every operator status the
 * provider reported, unknown flags included.
 *
 * @param id the provider's id of the name
 * @param moderation moderation status code; null when never reported
 * @param operators operator status field to code, in the provider's order; always an {@link
 *     OperatorCodes}
 */
record NameState(long id, Integer moderation, Map<String, Integer> operators) {

  NameState {
    operators = OperatorCodes.copyOf(Objects.requireNonNull(operators, "operators"));
  }

  static NameState of(Sender s) {
    return new NameState(s.id(), s.moderation(), s.operators());
  }

  OperatorCodes codes() {
    return (OperatorCodes) operators;
  }

  /**
   * Whether {@code reported} would leave this state as it is ({@link #updatedBy} equal to it): the
   * same id, no other moderation, and every reported operator status the one known. Allocates
   * nothing: a poll asks it of every name.
   */
  boolean unchangedBy(Sender reported) {
    return reported.id() == id
        && (reported.moderation() == null || reported.moderation().equals(moderation))
        && reported.operatorCodes().containedIn(codes());
  }

  /**
   * The state after a new report: what the provider reported now, and for whatever it left out (a
   * moderation status, an operator field) what was known before, so a field that comes and goes is
   * not taken for a change.
   */
  NameState updatedBy(NameState reported) {
    Integer mod = reported.moderation != null ? reported.moderation : moderation;
    return new NameState(reported.id, mod, reported.codes().plusMissingFrom(codes()));
  }

  /** The operator fields as stored: {@code flag=code} pairs joined by ','. */
  String encodedOperators() {
    OperatorCodes ops = codes();
    StringBuilder b = new StringBuilder(ops.size() * 12);
    for (int i = 0; i < ops.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(ops.flag(i)).append('=').append(ops.code(i));
    }
    return b.toString();
  }

  /**
   * Reads {@link #encodedOperators} back, known flags as their own strings (no substring for them):
   * a start-up reads every stored name once.
   */
  static OperatorCodes decodeOperators(String encoded) {
    if (encoded == null || encoded.isEmpty()) {
      return OperatorCodes.EMPTY;
    }
    int n = 1;
    for (int i = 0; i < encoded.length(); i++) {
      if (encoded.charAt(i) == ',') {
        n++;
      }
    }
    String[] flags = new String[n];
    int[] codes = new int[n];
    int start = 0;
    for (int k = 0; k < n; k++) {
      int end = encoded.indexOf(',', start);
      if (end < 0) {
        end = encoded.length();
      }
      int eq = encoded.lastIndexOf('=', end - 1);
      if (eq < start + 1) {
        throw new IllegalArgumentException(
            "stored operator status '" + encoded.substring(start, end) + "' has no flag=code");
      }
      String known = Operators.knownFlag(encoded, start, eq);
      flags[k] = known != null ? known : encoded.substring(start, eq);
      codes[k] = Integer.parseInt(encoded, eq + 1, end, 10);
      start = end + 1;
    }
    return OperatorCodes.of(flags, codes);
  }
}
