package dev.sendersbot.watch;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The last known state of every watched name, per scope, held in memory: a poll compares the
 * provider's answer with it instead of reading and decoding every stored name again (15,000 rows
 * were 16 ms and 26 MB a poll).
 *
 * <p>SQLite stays the truth, so a crash loses nothing: a scope is read from it at its first poll in
 * this process; the copy changes only after the transaction that wrote the same rows committed; and
 * it is dropped whole when a poll's transaction fails, or when the poll counter in {@code
 * watch_state} is not the one this copy last wrote (another process or poller recorded a poll on
 * the same file meanwhile). Only the poller's thread uses it, under the poller's lock.
 */
final class Snapshot {
  private final Map<String, Map<String, NameState>> scopes = new HashMap<>();

  /** The {@code watch_state.polls} this copy matches; -1 before any poll was recorded. */
  private long polls = -1;

  /** Forgets everything unless the database's poll counter is the one this copy belongs to. */
  void checkAgainst(long pollsInDatabase) {
    if (pollsInDatabase != polls) {
      scopes.clear();
    }
  }

  /**
   * The names of a scope, read from the database the first time; not to be changed by the caller.
   */
  Map<String, NameState> names(Connection c, String scope) throws SQLException {
    Map<String, NameState> names = scopes.get(scope);
    if (names == null) {
      names = WatchStore.load(c, scope);
      scopes.put(scope, names);
    }
    return names;
  }

  /**
   * What the committed transaction wrote: the scopes it took a baseline of, the diffs of the others
   * (each read with {@link #names} first), the scopes dropped, and the poll counter it left.
   */
  void committed(
      long pollsNow,
      Map<String, Diff.Result> baselines,
      Map<String, Diff.Result> diffs,
      Set<String> dropped) {
    baselines.forEach((scope, d) -> scopes.put(scope, new HashMap<>(d.upserts())));
    diffs.forEach(
        (scope, d) -> {
          Map<String, NameState> names = scopes.get(scope);
          names.putAll(d.upserts());
          d.removed().forEach(names::remove);
        });
    dropped.forEach(scopes::remove);
    polls = pollsNow;
  }

  /** After a failed transaction: the next poll reads from the database again. */
  void forget() {
    scopes.clear();
    polls = -1;
  }
}
