package dev.sendersbot.smsc.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The names of the account and its sub-clients, by id and by owner and name (a name is unique per
 * owner in any case). Its monitor guards the names and their {@link AutoProgress}. An API operation
 * that looks and then changes holds it across both ({@code synchronized (store)}), calling the
 * package methods that say "the caller holds the lock"; the control methods take it themselves.
 */
final class NameStore {
  private final Clock clock;
  private final AutoProgress progress;
  private final TreeMap<Long, NameEntry> byId = new TreeMap<>();
  private final Map<String, NameEntry> byKey = new HashMap<>();
  private long lastId;
  private int bulkCounter;

  NameStore(Clock clock, AutoProgress progress) {
    this.clock = clock;
    this.progress = progress;
  }

  Clock clock() {
    return clock;
  }

  // ---------------------------------------------------------------- for the API; caller holds the
  // lock

  /** Takes the auto-progression steps due by {@code now}; before any look at the names. */
  void progress(Instant now) {
    assert Thread.holdsLock(this);
    progress.advance(byId.values(), now);
  }

  /** The caller changed statuses: auto-progression looks at every name again. */
  void rescheduleProgress() {
    progress.reschedule();
  }

  /** A name of an owner ({@code user} null for the account), already normalised; or null. */
  NameEntry byName(String user, String name) {
    assert Thread.holdsLock(this);
    return byKey.get(key(user, name));
  }

  NameEntry byId(long id) {
    assert Thread.holdsLock(this);
    return byId.get(id);
  }

  /** Every name of every owner, newest first; below {@code beforeId} only, when it is given. */
  Iterable<NameEntry> newestFirst(Long beforeId) {
    assert Thread.holdsLock(this);
    return beforeId == null
        ? byId.descendingMap().values()
        : byId.headMap(beforeId, false).descendingMap().values();
  }

  /** A new entry with the next id, not yet stored (so the caller can fill it in first). */
  NameEntry create(String name, String user, Instant createdAt, boolean mail) {
    assert Thread.holdsLock(this);
    return new NameEntry(++lastId, name, user, createdAt, mail);
  }

  void put(NameEntry e) {
    assert Thread.holdsLock(this);
    byId.put(e.id, e);
    byKey.put(key(e.user, e.name), e);
    progress.reschedule();
  }

  void delete(NameEntry e) {
    assert Thread.holdsLock(this);
    byId.remove(e.id);
    byKey.remove(key(e.user, e.name));
  }

  /** The lookup key: a name is unique per owner whatever its case. */
  static String key(String user, String name) {
    return (user == null ? "" : user) + '\u0000' + name.toLowerCase(Locale.ROOT);
  }

  /** Whether the name belongs to this owner (the account's own when {@code user} is null). */
  static boolean owns(NameEntry e, String user) {
    return user == null ? e.user == null : user.equals(e.user);
  }

  /** " for sub-client U", or nothing for the account: the tail of a not-found message. */
  static String forUser(String user) {
    return user == null ? "" : " for sub-client " + user;
  }

  // ---------------------------------------------------------------- for the control interface

  /** Puts a name straight in, bypassing the API's checks; returns its id. */
  synchronized long seed(NameSeed s) {
    if (byKey.containsKey(key(s.user(), s.name()))) {
      throw new IllegalArgumentException(
          "sender '" + s.name() + "' already exists" + forUser(s.user()));
    }
    Instant now = clock.instant();
    Instant at = s.changedAt() == null ? now : s.changedAt();
    boolean mail = s.name().contains("@");
    NameEntry e = create(s.name(), s.user(), now, mail);
    e.comment = s.comment();
    e.moderation = s.moderation();
    s.operators().forEach((flag, status) -> e.setOperator(flag, status, at));
    e.extraFields.putAll(s.extraFields());
    e.changed();
    put(e);
    return e.id;
  }

  /**
   * {@code n} names BULK0000001... (numbering goes on across calls), most allowed, with statuses
   * and change dates varied by their number so lists and filters have something to chew on.
   */
  synchronized List<Long> bulkSeed(int n, String user) {
    if (n < 0 || n > 1_000_000) {
      throw new IllegalArgumentException("bulk seed count must be 0..1000000: " + n);
    }
    Instant now = clock.instant();
    List<Long> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int k = ++bulkCounter;
      String name = String.format(Locale.ROOT, "BULK%07d", k);
      if (byKey.containsKey(key(user, name))) {
        continue;
      }
      NameEntry e = create(name, user, now.minus(Duration.ofMinutes(n - i)), false);
      e.comment = "bulk " + k;
      e.moderation = k % 20 == 0 ? 0 : k % 97 == 0 ? 2 : 1;
      Instant at = now.minus(Duration.ofMinutes(k % 20_000));
      e.setOperator("mts_step", 2, at);
      e.setOperator("mega_step", k % 7 == 0 ? 3 : 2, at);
      e.setOperator("bee_step", k % 11 == 0 ? 8 : 2, at);
      if (k % 3 != 0) {
        e.setOperator("tele2_step", 1, at);
      }
      put(e);
      ids.add(e.id);
    }
    return ids;
  }

  synchronized List<SandboxName> names() {
    progress(clock.instant());
    return byId.values().stream().map(NameEntry::snapshot).toList();
  }

  synchronized Optional<SandboxName> name(String name, String user) {
    progress(clock.instant());
    return Optional.ofNullable(
            byKey.get(key(blankToNull(user), SenderRules.normalise(name.strip()))))
        .map(NameEntry::snapshot);
  }

  synchronized Optional<SandboxName> name(long id) {
    progress(clock.instant());
    return Optional.ofNullable(byId.get(id)).map(NameEntry::snapshot);
  }

  synchronized SandboxName setModeration(long id, int status) {
    NameEntry e = entry(id);
    e.setModeration(status, clock.instant());
    progress.reschedule();
    return e.snapshot();
  }

  synchronized SandboxName setOperatorStatus(long id, String flag, int status, Instant at) {
    if (flag == null || !flag.matches("[a-z0-9_]{1,32}")) {
      throw new IllegalArgumentException(
          "operator flag must be a lower-case field name: '" + flag + "'");
    }
    NameEntry e = entry(id);
    e.setOperator(flag, status, at == null ? clock.instant() : at);
    progress.reschedule();
    return e.snapshot();
  }

  synchronized SandboxName setExtraField(long id, String field, String value) {
    NameEntry e = entry(id);
    if (value == null) {
      e.extraFields.remove(field);
    } else {
      e.extraFields.put(field, value);
    }
    e.changed();
    return e.snapshot();
  }

  synchronized boolean remove(long id) {
    NameEntry e = byId.remove(id);
    if (e != null) {
      byKey.remove(key(e.user, e.name));
    }
    return e != null;
  }

  /**
   * @throws IllegalArgumentException when the owner has no such name
   */
  synchronized long idOf(String name, String user) {
    NameEntry e = byKey.get(key(blankToNull(user), SenderRules.normalise(name.strip())));
    if (e == null) {
      throw new IllegalArgumentException("no sender '" + name + "'" + forUser(blankToNull(user)));
    }
    return e.id;
  }

  /** Forgets every name; ids and bulk numbers go on from where they were. */
  synchronized void clear() {
    byId.clear();
    byKey.clear();
  }

  private NameEntry entry(long id) {
    NameEntry e = byId.get(id);
    if (e == null) {
      throw new IllegalArgumentException("no sender with id " + id);
    }
    return e;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
