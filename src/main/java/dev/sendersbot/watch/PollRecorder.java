package dev.sendersbot.watch;

import dev.sendersbot.watch.Outbox.NewMessage;
import dev.sendersbot.watch.PollHealth.Failure;
import dev.sendersbot.watch.Poller.Fetched;
import dev.sendersbot.watch.Poller.Outcome;
import dev.sendersbot.watch.Poller.Result;
import dev.sendersbot.watch.WatchStore.Scope;
import dev.sendersbot.watch.WatchStore.State;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one poll in one transaction: the names that changed, the scopes, the outbox rows for the
 * subscribed chats and the watcher's health. Compares with the in-memory {@link Snapshot}, and
 * brings it in step once the transaction has committed.
 */
final class PollRecorder {
  private static final Logger log = LoggerFactory.getLogger(PollRecorder.class);

  private final WatchStore store;
  private final Router router;
  private final PollHealth health;
  private final Duration interval;
  private final Snapshot snapshot = new Snapshot();

  PollRecorder(WatchStore store, Router router, PollHealth health, Duration interval) {
    this.store = store;
    this.router = router;
    this.health = health;
    this.interval = interval;
  }

  /** What a transaction did besides its result: for the in-memory copy, once committed. */
  private record Written(
      Result result,
      long polls,
      Map<String, Diff.Result> baselines,
      Map<String, Diff.Result> diffs,
      Set<String> dropped) {}

  /**
   * @param wanted the scopes bound to a chat now; null when unknown (then none is forgotten)
   */
  Result record(
      Instant now, Map<String, Fetched> fetched, List<Failure> failures, Set<String> wanted) {
    Written w;
    try {
      w =
          store
              .db()
              .write(
                  "record a watcher poll",
                  c -> {
                    // A deposed leader's poll in progress writes no outbox row: the new leader
                    // polls too, and both writing would send each change twice.
                    store.db().fence().ensureLeading(c, "record a watcher poll");
                    return transaction(c, now, fetched, failures, wanted);
                  });
    } catch (RuntimeException e) {
      snapshot.forget();
      throw e;
    }
    snapshot.committed(w.polls(), w.baselines(), w.diffs(), w.dropped());
    return w.result();
  }

  private Written transaction(
      Connection c,
      Instant now,
      Map<String, Fetched> fetched,
      List<Failure> failures,
      Set<String> wanted)
      throws SQLException {
    State st = WatchStore.state(c);
    snapshot.checkAgainst(st.polls());
    Map<String, Scope> scopes = WatchStore.scopes(c);
    Map<String, List<Change>> changes = new TreeMap<>();
    Map<String, Diff.Result> diffs = new LinkedHashMap<>();
    Map<String, Diff.Result> baselines = new LinkedHashMap<>();
    Map<String, Instant> away = new HashMap<>();
    Set<String> full = new TreeSet<>();
    int changeCount = 0;
    boolean onlyBaselines = true;
    for (Map.Entry<String, Fetched> e : fetched.entrySet()) {
      String key = e.getKey();
      Fetched f = e.getValue();
      if (f.complete()) {
        full.add(key);
      }
      Scope known = scopes.get(key);
      if (known == null) {
        Diff.Result base = Diff.of(Map.of(), f.senders(), true);
        WatchStore.apply(c, key, base.upserts(), List.of());
        WatchStore.saveScope(c, new Scope(key, now, now, now));
        baselines.put(key, base);
        log.info(
            "watcher: silent baseline of {} with {} name(s)", describe(key), base.upserts().size());
        continue;
      }
      onlyBaselines = false;
      Diff.Result d = Diff.of(snapshot.names(c, key), f.senders(), f.complete());
      WatchStore.apply(c, key, d.upserts(), d.removed());
      WatchStore.saveScope(
          c, new Scope(key, known.baselineAt(), now, f.complete() ? now : known.lastFullAt()));
      diffs.put(key, d);
      if (!d.changes().isEmpty()) {
        changes.put(key, d.changes());
        changeCount += d.changes().size();
        if (known
            .lastSuccessAt()
            .plus(interval.multipliedBy(Poller.AWAY_INTERVALS))
            .isBefore(now)) {
          away.put(key, known.lastSuccessAt());
        }
      }
    }
    Set<String> dropped = new TreeSet<>();
    if (wanted != null) {
      for (String key : scopes.keySet()) {
        if (!wanted.contains(key)) {
          WatchStore.dropScope(c, key);
          dropped.add(key);
          log.info("watcher: no chat is bound to {} any more; forgot its names", describe(key));
        }
      }
    }
    List<NewMessage> out = new ArrayList<>(router.route(c, changes, away, now));
    State next = health.next(st, failures, !fetched.isEmpty(), now, out);
    Outbox.enqueue(c, out, now);
    Outbox.purge(c, now.minus(Poller.KEEP_DONE));
    WatchStore.saveState(c, next);
    Outcome outcome;
    if (failures.isEmpty()) {
      outcome = onlyBaselines && !fetched.isEmpty() ? Outcome.BASELINE : Outcome.POLLED;
    } else if (!fetched.isEmpty()) {
      outcome = Outcome.PARTIAL;
    } else {
      outcome =
          failures.stream().noneMatch(f -> f.trouble().counts) ? Outcome.SKIPPED : Outcome.FAILED;
    }
    return new Written(
        new Result(outcome, changeCount, out.size(), full, PollHealth.words(failures)),
        next.polls(),
        baselines,
        diffs,
        dropped);
  }

  static String describe(String scope) {
    return scope.isEmpty() ? "the account" : "sub-client " + scope;
  }
}
