package dev.sendersbot.watch;

import dev.sendersbot.gateway.Answer;
import dev.sendersbot.gateway.Caller;
import dev.sendersbot.gateway.GatewayStatus;
import dev.sendersbot.gateway.SendersGateway;
import dev.sendersbot.smsc.AddRequest;
import dev.sendersbot.smsc.ChangeRequest;
import dev.sendersbot.smsc.CheckCodeRequest;
import dev.sendersbot.smsc.DeleteRequest;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.SendCodeRequest;
import dev.sendersbot.smsc.Sender;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-written gateway over names held in memory, per sub-client, that a test changes between
 * polls. Lists behave as the reference says: {@code from_date} keeps names whose operator status
 * changed on or after that date, {@code prev_id} and {@code cnt} page by id, newest first.
 */
final class FakeGateway implements SendersGateway {

  static final class Name {
    final long id;
    final String name;
    Integer moderation;
    final LinkedHashMap<String, Integer> operators = new LinkedHashMap<>();
    LocalDate changedOn;

    Name(long id, String name) {
      this.id = id;
      this.name = name;
    }

    Sender sender() {
      return new Sender(id, name, moderation, operators, Map.of());
    }
  }

  final List<ListQuery> queries = new CopyOnWriteArrayList<>();

  /** Who asked each list, in the order of {@link #queries}; null for a list not wanted fresh. */
  final List<Caller> callers = new CopyOnWriteArrayList<>();

  private final Map<String, LinkedHashMap<String, Name>> byUser = new HashMap<>();
  private final Deque<RuntimeException> failures = new ArrayDeque<>();
  private final Clock clock;
  private long nextId = 1000;
  private int staleAnswers;
  private String suspension;

  FakeGateway(Clock clock) {
    this.clock = clock;
  }

  private static String key(String user) {
    return user == null ? "" : user;
  }

  synchronized long add(String user, String name, Integer moderation, Map<String, Integer> ops) {
    Name n = new Name(++nextId, name);
    n.moderation = moderation;
    n.operators.putAll(ops);
    n.changedOn = today();
    byUser.computeIfAbsent(key(user), k -> new LinkedHashMap<>()).put(name, n);
    return n.id;
  }

  synchronized void setOperator(String user, String name, String flag, int code) {
    Name n = byUser.get(key(user)).get(name);
    n.operators.put(flag, code);
    n.changedOn = today();
  }

  /** Moderation changes are not what {@code from_date} filters on. */
  synchronized void setModeration(String user, String name, int code) {
    byUser.get(key(user)).get(name).moderation = code;
  }

  synchronized void remove(String user, String name) {
    byUser.get(key(user)).remove(name);
  }

  /** The next calls throw these, in order. */
  synchronized void failNext(RuntimeException... es) {
    failures.addAll(List.of(es));
  }

  /**
   * The next {@code n} lists come back stale, as a gateway over budget serves them; {@code
   * suspension} (null for none) is what its status says meanwhile.
   */
  synchronized void staleNext(int n, String suspension) {
    this.staleAnswers = n;
    this.suspension = suspension;
  }

  synchronized int listCalls() {
    return queries.size();
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  @Override
  public synchronized Answer<List<Sender>> refresh(ListQuery q, Caller caller) {
    Objects.requireNonNull(caller, "caller");
    return answer(q, caller);
  }

  private Answer<List<Sender>> answer(ListQuery q, Caller caller) {
    queries.add(q);
    callers.add(caller);
    if (!failures.isEmpty()) {
      throw failures.poll();
    }
    if (staleAnswers > 0) {
      staleAnswers--;
      return new Answer<>(List.of(), clock.instant().minusSeconds(600), true);
    }
    suspension = null;
    List<Name> names =
        new ArrayList<>(byUser.getOrDefault(key(q.user()), new LinkedHashMap<>()).values());
    names.sort(Comparator.comparingLong((Name n) -> n.id).reversed());
    List<Sender> out = new ArrayList<>();
    for (Name n : names) {
      if (q.fromDate() != null && n.changedOn.isBefore(q.fromDate())) {
        continue;
      }
      if (q.prevId() != null && n.id >= q.prevId()) {
        continue;
      }
      if (q.cnt() != null && out.size() >= q.cnt()) {
        break;
      }
      out.add(n.sender());
    }
    return new Answer<>(out, clock.instant(), false);
  }

  @Override
  public synchronized Answer<List<Sender>> list(ListQuery query) {
    return answer(query, null);
  }

  @Override
  public synchronized GatewayStatus status() {
    return new GatewayStatus(
        null, null, null, 0, 0, 0, 0, 4, 0, 4, "closed", suspension, null, queries.size());
  }

  @Override
  public long add(AddRequest request) {
    throw new UnsupportedOperationException("the watcher only lists");
  }

  @Override
  public void change(ChangeRequest request) {
    throw new UnsupportedOperationException("the watcher only lists");
  }

  @Override
  public void sendCode(SendCodeRequest request) {
    throw new UnsupportedOperationException("the watcher only lists");
  }

  @Override
  public void checkCode(CheckCodeRequest request) {
    throw new UnsupportedOperationException("the watcher only lists");
  }

  @Override
  public void delete(DeleteRequest request) {
    throw new UnsupportedOperationException("the watcher only lists");
  }

  @Override
  public void resume() {}
}
