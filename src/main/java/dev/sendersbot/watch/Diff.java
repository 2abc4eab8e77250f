package dev.sendersbot.watch;

import dev.sendersbot.smsc.OperatorCodes;
import dev.sendersbot.smsc.Sender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares what the provider reported with what the watcher saw before. Pure: no I/O. A name whose
 * state did not change costs a lookup and a comparison, and makes no object.
 */
final class Diff {

  /**
   * @param changes what users are told, in the provider's order, removals last
   * @param upserts the names whose stored state must be written (new, or changed in any way)
   * @param removed the names to drop from the snapshot
   */
  record Result(List<Change> changes, Map<String, NameState> upserts, List<String> removed) {
    Result {
      changes = List.copyOf(changes);
      upserts = Map.copyOf(upserts);
      removed = List.copyOf(removed);
    }
  }

  private Diff() {}

  /**
   * @param before the snapshot of the scope, by name
   * @param reported the provider's answer
   * @param complete true when {@code reported} is the whole list, so that a name missing from it
   *     was removed; false for a list of recent changes ({@code from_date}), which says nothing
   *     about names it leaves out
   */
  static Result of(Map<String, NameState> before, List<Sender> reported, boolean complete) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(reported, "reported");
    List<Change> changes = new ArrayList<>();
    Map<String, NameState> upserts = new HashMap<>();
    Set<String> seen = new HashSet<>(Math.max(16, (int) (reported.size() / 0.75f) + 1));
    int known = 0;
    for (Sender s : reported) {
      // A name listed twice (the provider may add a replacement entry): the first one counts,
      // so the same answer always gives the same result.
      if (!seen.add(s.name())) {
        continue;
      }
      NameState old = before.get(s.name());
      if (old == null) {
        changes.add(Change.added(s.name(), s.moderation()));
        upserts.put(s.name(), NameState.of(s));
        continue;
      }
      known++;
      // Nearly every name of every poll: compared in place, nothing made.
      if (old.unchangedBy(s)) {
        continue;
      }
      if (s.moderation() != null
          && old.moderation() != null
          && !s.moderation().equals(old.moderation())) {
        changes.add(Change.moderation(s.name(), old.moderation(), s.moderation()));
      }
      OperatorCodes now = s.operatorCodes();
      OperatorCodes was = old.codes();
      for (int i = 0; i < now.size(); i++) {
        int j = was.indexOf(now.flag(i), i);
        if (j < 0 || was.code(j) != now.code(i)) {
          changes.add(
              Change.operator(s.name(), now.flag(i), j < 0 ? null : was.code(j), now.code(i)));
        }
      }
      upserts.put(s.name(), old.updatedBy(NameState.of(s)));
    }
    List<String> removed = new ArrayList<>();
    if (complete && known < before.size()) {
      for (String name : before.keySet()) {
        if (!seen.contains(name)) {
          removed.add(name);
        }
      }
      removed.sort(null);
      for (String name : removed) {
        changes.add(Change.removed(name));
      }
    }
    return new Result(changes, upserts, removed);
  }
}
