package dev.sendersbot.chat;

import dev.sendersbot.gateway.Answer;
import dev.sendersbot.gateway.Caller;
import dev.sendersbot.gateway.GatewayStatus;
import dev.sendersbot.gateway.SendersGateway;
import dev.sendersbot.smsc.AddRequest;
import dev.sendersbot.smsc.ChangeRequest;
import dev.sendersbot.smsc.CheckCodeRequest;
import dev.sendersbot.smsc.DeleteRequest;
import dev.sendersbot.smsc.Document;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.Operators;
import dev.sendersbot.smsc.SendCodeRequest;
import dev.sendersbot.smsc.Sender;
import dev.sendersbot.smsc.SenderRef;
import dev.sendersbot.smsc.SmscError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-memory gateway over an account with sub-clients: names per sub-client (null key: the
 * account), a list cache with the gateway's age semantics, and the provider's error codes (3
 * unknown name, 5 duplicate, 10 code already sent, 11 wrong code). Counts every call.
 */
final class FakeGateway implements SendersGateway {
  static final Duration TTL = Duration.ofSeconds(60);

  private final Clock clock;
  private final Map<String, Map<String, Sender>> names = new HashMap<>();
  private final Map<ListQuery, Answer<List<Sender>>> cache = new HashMap<>();
  private final Map<String, String> codes = new HashMap<>();
  private final Map<String, Instant> codeSentAt = new HashMap<>();
  private long nextId = 1000;
  private int codeSeq = 0;
  private RuntimeException failNext;
  private GatewayStatus status;

  /** Every call except {@link #status()}: a denied command must make none. */
  int calls;

  /** Requests that would have reached the provider (cache misses and mutations). */
  int providerRequests;

  int resumes;
  final List<String> log = new ArrayList<>();
  final List<ChangeRequest> changes = new ArrayList<>();
  final List<Document> documents = new ArrayList<>();

  FakeGateway(Clock clock) {
    this.clock = clock;
  }

  // ---- set-up

  synchronized Sender seed(
      String sub, String name, Integer moderation, Map<String, Integer> operators, String comment) {
    Map<String, String> extra = new LinkedHashMap<>();
    if (comment != null) {
      extra.put("cmt", "\"" + comment.replace("\"", "\\\"") + "\"");
    }
    Sender s = new Sender(nextId++, name, moderation, operators, extra);
    book(sub).put(key(name), s);
    invalidate(sub);
    return s;
  }

  Sender seed(String sub, String name, int moderation) {
    return seed(sub, name, moderation, allOperators(0), null);
  }

  static Map<String, Integer> allOperators(int status) {
    Map<String, Integer> m = new LinkedHashMap<>();
    Operators.KNOWN.forEach(o -> m.put(o.flag(), status));
    return m;
  }

  synchronized void failNext(RuntimeException e) {
    failNext = e;
  }

  synchronized void setStatus(GatewayStatus s) {
    status = s;
  }

  synchronized Optional<Sender> find(String sub, String name) {
    return Optional.ofNullable(book(sub).get(key(name)));
  }

  /** The code the provider "texted" to the phone. */
  synchronized String codeSentTo(String phone) {
    return codes.get(phone);
  }

  // ---- SendersGateway

  @Override
  public synchronized Answer<List<Sender>> list(ListQuery q) {
    enter("list " + q.user());
    Answer<List<Sender>> cached = cache.get(q);
    if (cached != null && cached.age(clock.instant()).compareTo(TTL) < 0) {
      return cached;
    }
    return fetch(q);
  }

  @Override
  public synchronized Answer<List<Sender>> refresh(ListQuery q, Caller caller) {
    Objects.requireNonNull(caller, "caller");
    enter("refresh " + q.user());
    return fetch(q);
  }

  private Answer<List<Sender>> fetch(ListQuery q) {
    providerRequests++;
    List<Sender> out = new ArrayList<>();
    for (Sender s : book(q.user()).values()) {
      if (!q.all() && !Objects.equals(s.moderation(), 1)) {
        continue;
      }
      Sender v =
          new Sender(
              s.id(),
              s.name(),
              q.all() ? s.moderation() : null,
              q.operators() ? s.operators() : Map.of(),
              s.extra());
      out.add(v);
    }
    out.sort((a, b) -> Long.compare(b.id(), a.id())); // the provider lists newest first
    Answer<List<Sender>> a = new Answer<>(List.copyOf(out), clock.instant(), false);
    cache.put(q, a);
    return a;
  }

  @Override
  public synchronized long add(AddRequest r) {
    enter("add " + r.sender() + " user=" + r.user());
    providerRequests++;
    if (book(r.user()).containsKey(key(r.sender()))) {
      throw new SmscError("add", 5, "error saving sender");
    }
    Sender s = seed(r.user(), r.sender(), 0, allOperators(0), r.comment());
    return s.id();
  }

  @Override
  public synchronized void change(ChangeRequest r) {
    enter("change " + r.ref() + " user=" + r.user());
    providerRequests++;
    Sender s = resolve(r.ref(), r.user(), "chg");
    Map<String, Integer> ops = new LinkedHashMap<>(s.operators());
    r.operatorFlags().forEach(f -> ops.put(f, 1));
    Map<String, String> extra = new LinkedHashMap<>(s.extra());
    if (r.comment() != null) {
      extra.put("cmt", "\"" + r.comment().replace("\"", "\\\"") + "\"");
    }
    if (r.document() != null) {
      documents.add(r.document());
    }
    changes.add(r);
    book(r.user()).put(key(s.name()), new Sender(s.id(), s.name(), s.moderation(), ops, extra));
    invalidate(r.user());
  }

  @Override
  public synchronized void sendCode(SendCodeRequest r) {
    enter("sendCode " + r.phone() + " user=" + r.user());
    providerRequests++;
    Instant last = codeSentAt.get(r.phone());
    if (last != null
        && Duration.between(last, clock.instant()).compareTo(Duration.ofHours(8)) < 0) {
      throw new SmscError("send_code", 10, "code already sent");
    }
    codes.put(r.phone(), String.format(Locale.ROOT, "%06d", 482_113 + 7919 * ++codeSeq));
    codeSentAt.put(r.phone(), clock.instant());
  }

  @Override
  public synchronized void checkCode(CheckCodeRequest r) {
    enter("checkCode " + r.phone() + " user=" + r.user());
    providerRequests++;
    String expected = codes.get(r.phone());
    if (expected == null || !expected.equals(r.code())) {
      throw new SmscError("check_code", 11, "invalid code");
    }
    codes.remove(r.phone());
    Sender s = book(r.user()).get(key(r.phone()));
    if (s == null) {
      seed(r.user(), r.phone(), 1, allOperators(0), null);
    } else {
      book(r.user()).put(key(s.name()), new Sender(s.id(), s.name(), 1, s.operators(), s.extra()));
      invalidate(r.user());
    }
  }

  @Override
  public synchronized void delete(DeleteRequest r) {
    enter("delete " + r.ref() + " user=" + r.user());
    providerRequests++;
    Sender s = resolve(r.ref(), r.user(), "del");
    book(r.user()).remove(key(s.name()));
    invalidate(r.user());
  }

  @Override
  public synchronized GatewayStatus status() {
    if (status != null) {
      return status;
    }
    return new GatewayStatus(
        clock.instant().minusSeconds(12),
        null,
        null,
        cache.size(),
        0.5,
        1,
        0,
        4,
        0,
        4,
        "closed",
        null,
        null,
        providerRequests);
  }

  @Override
  public synchronized void resume() {
    enter("resume");
    resumes++;
  }

  // ---- internals

  private void enter(String what) {
    calls++;
    log.add(what);
    if (failNext != null) {
      RuntimeException e = failNext;
      failNext = null;
      throw e;
    }
  }

  private Sender resolve(SenderRef ref, String user, String op) {
    Sender s =
        ref.name() != null
            ? book(user).get(key(ref.name()))
            : book(user).values().stream().filter(x -> x.id() == ref.id()).findFirst().orElse(null);
    if (s == null) {
      throw new SmscError(op, 3, "sender not found");
    }
    return s;
  }

  private Map<String, Sender> book(String sub) {
    return names.computeIfAbsent(sub == null ? "" : sub, k -> new LinkedHashMap<>());
  }

  private void invalidate(String sub) {
    cache.keySet().removeIf(q -> Objects.equals(q.user(), sub));
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
