package dev.sendersbot.gateway;

import dev.sendersbot.smsc.AddRequest;
import dev.sendersbot.smsc.ChangeRequest;
import dev.sendersbot.smsc.CheckCodeRequest;
import dev.sendersbot.smsc.DeleteRequest;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.SendCodeRequest;
import dev.sendersbot.smsc.Sender;
import dev.sendersbot.smsc.SendersApi;
import dev.sendersbot.smsc.SmscException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The naive client: every call goes straight to the provider, with no cache, no budget and no
 * memory of trouble. It exists only as the benchmark's comparison; the bot never uses it.
 */
public final class DirectGateway implements SendersGateway {
  private final SendersApi api;
  private final Clock clock;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  // Guarded by this.
  private final Deque<Instant> listSends = new ArrayDeque<>();
  private final Deque<Instant> createSends = new ArrayDeque<>();
  private Instant lastSuccess;
  private String lastError;
  private SmscException lastFailure;
  private Instant lastErrorAt;

  public DirectGateway(SendersApi api, Clock clock) {
    this.api = Objects.requireNonNull(api, "api");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Answer<List<Sender>> list(ListQuery query) {
    Objects.requireNonNull(query, "query");
    List<Sender> senders = send(listSends, () -> api.list(query));
    return new Answer<>(senders, clock.instant(), false);
  }

  @Override
  public Answer<List<Sender>> refresh(ListQuery query, Caller caller) {
    Objects.requireNonNull(caller, "caller");
    return list(query);
  }

  @Override
  public long add(AddRequest request) {
    Objects.requireNonNull(request, "request");
    return send(createSends, () -> api.add(request));
  }

  @Override
  public void change(ChangeRequest request) {
    Objects.requireNonNull(request, "request");
    send(
        null,
        () -> {
          api.change(request);
          return null;
        });
  }

  @Override
  public void sendCode(SendCodeRequest request) {
    Objects.requireNonNull(request, "request");
    send(
        null,
        () -> {
          api.sendCode(request);
          return null;
        });
  }

  @Override
  public void checkCode(CheckCodeRequest request) {
    Objects.requireNonNull(request, "request");
    send(
        null,
        () -> {
          api.checkCode(request);
          return null;
        });
  }

  @Override
  public void delete(DeleteRequest request) {
    Objects.requireNonNull(request, "request");
    send(
        null,
        () -> {
          api.delete(request);
          return null;
        });
  }

  private <T> T send(Deque<Instant> sends, Supplier<T> request) {
    if (sends != null) {
      synchronized (this) {
        sends.addLast(clock.instant());
      }
    }
    inFlight.incrementAndGet();
    try {
      T result = request.get();
      synchronized (this) {
        lastSuccess = clock.instant();
      }
      return result;
    } catch (SmscException e) {
      synchronized (this) {
        lastError = e.getMessage();
        lastFailure = e;
        lastErrorAt = clock.instant();
      }
      throw e;
    } finally {
      inFlight.decrementAndGet();
      requests.incrementAndGet();
    }
  }

  /** What it knows: no cache, no budgets (reported as 0), never suspended. */
  @Override
  public synchronized GatewayStatus status() {
    Instant horizon = clock.instant().minus(Duration.ofMinutes(1));
    listSends.removeIf(t -> !t.isAfter(horizon));
    createSends.removeIf(t -> !t.isAfter(horizon));
    return new GatewayStatus(
        lastSuccess,
        lastError,
        lastErrorAt,
        0,
        0.0,
        listSends.size(),
        createSends.size(),
        0,
        inFlight.get(),
        0,
        "closed",
        null,
        null,
        requests.get(),
        List.of(),
        lastFailure);
  }

  @Override
  public void resume() {
    // Nothing is ever suspended.
  }
}
