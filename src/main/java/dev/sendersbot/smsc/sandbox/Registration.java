package dev.sendersbot.smsc.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an add or chg asks of the operators: registration at the flags set ({@code mts_step=1},
 * ...), the organisation details some flags require ({@code ua_reg}, {@code by_reg}), and the
 * documents that answer an operator's request for them (status 8).
 */
final class Registration {
  private Registration() {}

  /**
   * The flags set, in {@link SandboxOperators#REQUEST_FLAGS} order; error 1 for a missing detail.
   */
  static List<String> requestedFlags(Params p) throws ApiError {
    List<String> flags = new ArrayList<>();
    for (String flag : SandboxOperators.REQUEST_FLAGS) {
      if (p.flag(flag)) {
        for (String field : SandboxOperators.REQUIRED_FIELDS.getOrDefault(flag, List.of())) {
          if (p.text(field) == null) {
            throw new ApiError(1, flag + "=1 without " + field);
          }
        }
        flags.add(flag);
      }
    }
    return flags;
  }

  /**
   * Applies checked flags and documents to a name: a newly requested operator starts at 0 (a known
   * one keeps its status), details are recorded, documents kept. Call under the store's lock and
   * reschedule auto-progression after.
   */
  static void apply(
      NameEntry e, Params p, List<String> flags, List<StoredDocument> docs, Instant now) {
    for (String flag : flags) {
      if (!e.operators.containsKey(flag)) {
        e.setOperator(flag, 0, now);
      }
      for (String field : SandboxOperators.REQUIRED_FIELDS.getOrDefault(flag, List.of())) {
        e.registration.put(field, p.text(field));
      }
      for (String field : SandboxOperators.OPTIONAL_FIELDS.getOrDefault(flag, List.of())) {
        if (p.text(field) != null) {
          e.registration.put(field, p.text(field));
        }
      }
    }
    if (!docs.isEmpty()) {
      e.documents.addAll(docs);
      // Documents answer an operator's request for them: its registration goes on.
      for (Map.Entry<String, Integer> op : new ArrayList<>(e.operators.entrySet())) {
        if (op.getValue() == 8) {
          e.resubmitted.add(op.getKey());
          e.setOperator(op.getKey(), 1, now);
        }
      }
    }
    e.changed();
  }
}
