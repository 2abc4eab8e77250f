package dev.sendersbot.smsc.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * get, add, chg and del of senders.php over the {@link NameStore}: parameters are checked before
 * the store's lock is taken, and each operation looks and changes under it in one step.
 */
final class NameOperations {
  static final int MAX_CNT = 15_000;

  private final NameStore store;
  private final Limits limits;
  private final Clock clock;

  NameOperations(NameStore store, Limits limits, Clock clock) {
    this.store = store;
    this.limits = limits;
    this.clock = clock;
  }

  /** get=1: the owner's names, newest first, or by last status change with from_date. */
  String list(Params p, String account, String user, Instant now, int fmt) throws ApiError {
    // "Identical" is every parameter but the credentials: the same list asked by key or password.
    TreeMap<String, String> key = new TreeMap<>(p.values());
    key.remove("login");
    key.remove("psw");
    key.remove("apikey");
    limits.list(account.toLowerCase(Locale.ROOT) + "|" + key, now);

    boolean all = p.flag("all");
    boolean operators = p.flag("operators");
    LocalDate fromDate =
        p.text("from_date") == null ? null : SenderRules.fromDate(p.text("from_date"));
    Long prevId =
        p.text("prev_id") == null ? null : SenderRules.positive("prev_id", p.text("prev_id"));
    // Without cnt the whole list; a larger cnt is cut to the reference's maximum.
    long cnt =
        p.text("cnt") == null
            ? Long.MAX_VALUE
            : Math.min(MAX_CNT, SenderRules.positive("cnt", p.text("cnt")));

    List<SandboxName> names = new ArrayList<>();
    Instant since = fromDate == null ? null : fromDate.atStartOfDay(clock.getZone()).toInstant();
    synchronized (store) {
      store.progress(now);
      // Newest first: with prev_id set to the last id of a page, the next page follows on.
      for (NameEntry e : store.newestFirst(prevId)) {
        if (!NameStore.owns(e, user) || (!all && e.moderation != 1)) {
          continue;
        }
        SandboxName n = e.snapshot();
        if (since != null && n.lastStatusChange().map(t -> t.isBefore(since)).orElse(true)) {
          continue;
        }
        names.add(n);
        if (since == null && names.size() >= cnt) {
          break;
        }
      }
    }
    if (since != null) {
      names.sort(
          Comparator.comparing((SandboxName n) -> n.lastStatusChange().orElseThrow())
              .thenComparingLong(SandboxName::id)
              .reversed());
      if (names.size() > cnt) {
        names = new ArrayList<>(names.subList(0, (int) cnt));
      }
    }
    return Responses.list(fmt, all, operators, names);
  }

  /** add=1: a new name waiting for moderation; returns its id. */
  long add(Params p, String account, String user, Instant now) throws ApiError {
    limits.add(account.toLowerCase(Locale.ROOT), now);
    String raw = p.text("sender");
    if (raw == null) {
      throw new ApiError(1, "add without sender");
    }
    boolean mail = p.flag("mail");
    String name = SenderRules.checkName(raw, mail);
    List<String> flags = Registration.requestedFlags(p);
    List<StoredDocument> docs = Documents.check(p);
    synchronized (store) {
      store.progress(now);
      if (store.byName(user, name) != null) {
        throw new ApiError(5, "sender '" + name + "' already exists" + NameStore.forUser(user));
      }
      NameEntry e = store.create(name, user, now, mail);
      e.comment = p.get("cmt");
      e.mailName = mail ? p.get("name") : null;
      e.moderation = 0;
      Registration.apply(e, p, flags, docs, now);
      store.rescheduleProgress();
      store.put(e);
      return e.id;
    }
  }

  /** chg=1: comment, mail name, further operators and documents of a name. */
  void change(Params p, String user, Instant now) throws ApiError {
    List<String> flags = Registration.requestedFlags(p);
    List<StoredDocument> docs = Documents.check(p);
    synchronized (store) {
      store.progress(now);
      NameEntry e = find(p, user);
      if (p.has("cmt")) {
        e.comment = p.get("cmt");
      }
      if (e.mail && p.has("name")) {
        e.mailName = p.get("name");
      }
      Registration.apply(e, p, flags, docs, now);
      store.rescheduleProgress();
    }
  }

  /** del=1. */
  void delete(Params p, String user) throws ApiError {
    synchronized (store) {
      store.progress(clock.instant());
      store.delete(find(p, user));
    }
  }

  /** The name a chg or del addresses, by sender or id (both: they must be the same name). */
  private NameEntry find(Params p, String user) throws ApiError {
    String sender = p.text("sender");
    String rawId = p.text("id");
    if (sender == null && rawId == null) {
      throw new ApiError(1, "neither sender nor id");
    }
    NameEntry byName = null;
    if (sender != null) {
      byName = store.byName(user, SenderRules.normalise(sender));
      if (byName == null) {
        throw new ApiError(3, "no sender '" + sender + "'" + NameStore.forUser(user));
      }
    }
    if (rawId != null) {
      long id;
      try {
        id = Long.parseLong(rawId);
      } catch (NumberFormatException e) {
        throw new ApiError(1, "id must be a number: '" + rawId + "'");
      }
      NameEntry e = store.byId(id);
      // Another owner's id is answered as if it did not exist: ids do not reveal other names.
      if (e == null || !NameStore.owns(e, user)) {
        throw new ApiError(3, "no sender with id " + id + NameStore.forUser(user));
      }
      if (byName != null && byName != e) {
        throw new ApiError(3, "sender '" + sender + "' does not have id " + id);
      }
      return e;
    }
    return byName;
  }
}
