package dev.sendersbot.gateway;

import dev.sendersbot.smsc.AddRequest;
import dev.sendersbot.smsc.ChangeRequest;
import dev.sendersbot.smsc.CheckCodeRequest;
import dev.sendersbot.smsc.DeleteRequest;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.SendCodeRequest;
import dev.sendersbot.smsc.Sender;
import dev.sendersbot.smsc.SendersApi;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider in memory: keeps sender names per sub-client so lists reflect mutations, logs every
 * call with the clock's time, can hold calls on a latch and can fail the next calls on cue.
 */
final class FakeSendersApi implements SendersApi {

  /** One request the provider received. */
  record Call(ProviderOperation op, Object request, Instant at) {
    String user() {
      return request instanceof ListQuery q
          ? q.user()
          : request instanceof AddRequest r
              ? r.user()
              : request instanceof ChangeRequest r
                  ? r.user()
                  : request instanceof DeleteRequest r
                      ? r.user()
                      : request instanceof SendCodeRequest r
                          ? r.user()
                          : request instanceof CheckCodeRequest r ? r.user() : null;
    }
  }

  private final Clock clock;
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, List<Sender>> names = new HashMap<>();
  private final EnumMap<ProviderOperation, Deque<RuntimeException>> failures =
      new EnumMap<>(ProviderOperation.class);
  private final AtomicLong nextId = new AtomicLong(1000);
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger maxRunning = new AtomicInteger();
  private volatile CountDownLatch gate;
  private volatile CountDownLatch answerGate;
  private final AtomicInteger heldAnswers = new AtomicInteger();

  FakeSendersApi(Clock clock) {
    this.clock = clock;
    for (ProviderOperation op : ProviderOperation.values()) {
      failures.put(op, new ArrayDeque<>());
    }
  }

  /** Calls from now on wait until the returned latch opens. */
  CountDownLatch hold() {
    CountDownLatch latch = new CountDownLatch(1);
    gate = latch;
    return latch;
  }

  /** Lists from now on read their names, then wait until the returned latch opens to answer. */
  CountDownLatch holdListAnswers() {
    CountDownLatch latch = new CountDownLatch(1);
    answerGate = latch;
    return latch;
  }

  /** Lists that have read their names and wait to answer. */
  int heldAnswers() {
    return heldAnswers.get();
  }

  /** The next call of this operation throws {@code e} (queued: several calls fail in turn). */
  synchronized FakeSendersApi failNext(ProviderOperation op, RuntimeException e) {
    failures.get(op).addLast(e);
    return this;
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  synchronized long count(ProviderOperation op) {
    return calls.stream().filter(c -> c.op() == op).count();
  }

  synchronized int total() {
    return calls.size();
  }

  int running() {
    return running.get();
  }

  int maxRunning() {
    return maxRunning.get();
  }

  synchronized void seed(String user, String... senders) {
    for (String s : senders) {
      names
          .computeIfAbsent(key(user), k -> new ArrayList<>())
          .add(new Sender(nextId.getAndIncrement(), s));
    }
  }

  private static String key(String user) {
    return Objects.requireNonNullElse(user, "");
  }

  private void enter(ProviderOperation op, Object request) {
    RuntimeException failure;
    synchronized (this) {
      calls.add(new Call(op, request, clock.instant()));
      failure = failures.get(op).pollFirst();
    }
    int now = running.incrementAndGet();
    maxRunning.accumulateAndGet(now, Math::max);
    try {
      CountDownLatch g = gate;
      if (g != null && !g.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("test never opened the latch");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      running.decrementAndGet();
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public List<Sender> list(ListQuery query) {
    enter(ProviderOperation.LIST, query);
    List<Sender> answer;
    synchronized (this) {
      answer = List.copyOf(names.getOrDefault(key(query.user()), List.of()));
    }
    CountDownLatch g = answerGate;
    if (g != null) {
      heldAnswers.incrementAndGet();
      try {
        if (!g.await(10, TimeUnit.SECONDS)) {
          throw new AssertionError("test never opened the answer latch");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      } finally {
        heldAnswers.decrementAndGet();
      }
    }
    return answer;
  }

  @Override
  public List<Sender> listAll(ListQuery query) {
    return list(query);
  }

  @Override
  public long add(AddRequest request) {
    enter(ProviderOperation.ADD, request);
    long id = nextId.getAndIncrement();
    synchronized (this) {
      names
          .computeIfAbsent(key(request.user()), k -> new ArrayList<>())
          .add(new Sender(id, request.sender()));
    }
    return id;
  }

  @Override
  public void change(ChangeRequest request) {
    enter(ProviderOperation.CHANGE, request);
  }

  @Override
  public void sendCode(SendCodeRequest request) {
    enter(ProviderOperation.SEND_CODE, request);
  }

  @Override
  public void checkCode(CheckCodeRequest request) {
    enter(ProviderOperation.CHECK_CODE, request);
    synchronized (this) {
      names
          .computeIfAbsent(key(request.user()), k -> new ArrayList<>())
          .add(new Sender(nextId.getAndIncrement(), request.phone()));
    }
  }

  @Override
  public void delete(DeleteRequest request) {
    enter(ProviderOperation.DELETE, request);
    synchronized (this) {
      names
          .getOrDefault(key(request.user()), new ArrayList<>())
          .removeIf(
              s ->
                  request.ref().name() != null
                      ? s.name().equals(request.ref().name())
                      : s.id() == request.ref().id());
    }
  }
}
