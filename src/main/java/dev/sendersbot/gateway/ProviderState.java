package dev.sendersbot.gateway;

import dev.sendersbot.gateway.GatewayRefusal.Reason;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscErrorCode;
import dev.sendersbot.smsc.SmscException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the provider's answers taught the gateway: error 9 cools a kind of request down, error 2
 * stops every call until an owner resumes, error 4 stops every call for the block's length, and a
 * run of transport failures opens a circuit that one probe at a time may close. Tells the listener
 * of suspensions through {@link #nextEvent()}, to be run outside the lock.
 *
 * <p>Not thread-safe: the gateway guards it with its lock.
 */
final class ProviderState {
  private static final Logger log = LoggerFactory.getLogger(CachingGateway.class);

  private enum Circuit {
    CLOSED("closed"),
    OPEN("open"),
    HALF_OPEN("half-open");

    final String words;

    Circuit(String words) {
      this.words = words;
    }
  }

  private final GatewayListener listener;
  private final Duration coolDown;
  private final Duration ipBlock;
  private final int circuitFailures;
  private final Duration circuitCoolOff;

  private final EnumMap<RequestKind, Instant> coolDownUntil = new EnumMap<>(RequestKind.class);
  private final Deque<Runnable> events = new ArrayDeque<>();
  private boolean credentialsRejected;
  private Instant ipBlockedUntil;
  private final IpBlocks ipBlocks;
  private Circuit circuit = Circuit.CLOSED;
  private Instant circuitOpenUntil;
  private int consecutiveTransportFailures;
  private Instant lastSuccess;
  private String lastError;
  private SmscException lastFailure;
  private Instant lastErrorAt;

  ProviderState(
      GatewayListener listener,
      IpBlocks ipBlocks,
      Duration coolDown,
      Duration ipBlock,
      int circuitFailures,
      Duration circuitCoolOff) {
    this.listener = listener;
    this.ipBlocks = ipBlocks;
    // A block an earlier run met holds until it ends; expireIpBlock clears one already over.
    this.ipBlockedUntil = kept(ipBlocks);
    this.coolDown = coolDown;
    this.ipBlock = ipBlock;
    this.circuitFailures = circuitFailures;
    this.circuitCoolOff = circuitCoolOff;
  }

  private static Instant kept(IpBlocks blocks) {
    try {
      Instant until = blocks.until().orElse(null);
      if (until != null) {
        log.warn("SMSC IP block kept from an earlier run: no provider calls until {}", until);
      }
      return until;
    } catch (RuntimeException e) {
      log.warn("Could not read a kept SMSC IP block: {}", e.toString());
      return null;
    }
  }

  /** Keeps the block's end (null: over) beyond this process; runs outside the gateway's locks. */
  private void keep(Instant until) {
    events.add(
        () -> {
          try {
            ipBlocks.blockedUntil(until);
          } catch (RuntimeException e) {
            log.warn("Could not keep the SMSC IP block for a restart: {}", e.toString());
          }
        });
  }

  /**
   * Refuses a call the provider's state does not allow now. With {@code claimProbe}, a caller that
   * finds the circuit ready for a probe becomes the probe (returns true).
   */
  boolean check(RequestKind kind, Instant now, boolean claimProbe) {
    if (credentialsRejected) {
      throw new GatewayRefusal(
          Reason.CREDENTIALS,
          null,
          "provider calls are suspended: SMSC rejected the credentials (error 2)");
    }
    expireIpBlock(now);
    if (ipBlockedUntil != null) {
      throw new GatewayRefusal(
          Reason.IP_BLOCKED,
          Duration.between(now, ipBlockedUntil),
          "provider calls are suspended until "
              + ipBlockedUntil
              + ": SMSC blocked the IP (error 4)");
    }
    Instant cool = coolDownUntil.get(kind);
    if (cool != null) {
      if (now.isBefore(cool)) {
        throw new GatewayRefusal(
            Reason.COOL_DOWN,
            Duration.between(now, cool),
            kind.words + " cool down until " + cool + " after error 9");
      }
      coolDownUntil.remove(kind);
    }
    switch (circuit) {
      case CLOSED:
        return false;
      case OPEN:
        if (now.isBefore(circuitOpenUntil)) {
          throw new GatewayRefusal(
              Reason.CIRCUIT_OPEN,
              Duration.between(now, circuitOpenUntil),
              "circuit open after " + consecutiveTransportFailures + " transport failures");
        }
        if (claimProbe) {
          circuit = Circuit.HALF_OPEN;
          return true;
        }
        return false;
      case HALF_OPEN:
      default:
        throw new GatewayRefusal(
            Reason.CIRCUIT_OPEN, circuitCoolOff, "circuit half-open: a probe request is running");
    }
  }

  /** The probe did not go out after all: the next caller may probe. */
  void probeDropped() {
    circuit = Circuit.OPEN;
  }

  void succeeded(Instant now) {
    lastSuccess = now;
    answered();
  }

  void providerError(SmscError e, RequestKind kind, Instant now) {
    noteError(e, now);
    answered();
    learn(e, kind, now);
  }

  void transportFailed(SmscException e, boolean probe, Instant now) {
    noteError(e, now);
    consecutiveTransportFailures++;
    if (probe || (circuit == Circuit.CLOSED && consecutiveTransportFailures >= circuitFailures)) {
      circuit = Circuit.OPEN;
      circuitOpenUntil = now.plus(circuitCoolOff);
      log.warn(
          "SMSC unreachable ({} transport failures in a row): circuit open until {}",
          consecutiveTransportFailures,
          circuitOpenUntil);
    }
  }

  private void noteError(SmscException e, Instant now) {
    lastError = e.getMessage();
    lastFailure = e;
    lastErrorAt = now;
  }

  /** The provider answered (with or without an error code): the way to it works. */
  private void answered() {
    consecutiveTransportFailures = 0;
    if (circuit != Circuit.CLOSED) {
      log.info("SMSC answers again: circuit closed");
      circuit = Circuit.CLOSED;
      circuitOpenUntil = null;
    }
  }

  private void learn(SmscError e, RequestKind kind, Instant now) {
    if (e.is(SmscErrorCode.RATE_LIMITED)) {
      Instant until = now.plus(coolDown);
      coolDownUntil.merge(kind, until, (a, b) -> a.isAfter(b) ? a : b);
      log.warn("SMSC error 9 on {}: {} cool down until {}", e.operation(), kind.words, until);
    } else if (e.is(SmscErrorCode.CREDENTIALS)) {
      if (!credentialsRejected) {
        credentialsRejected = true;
        String words =
            "SMSC rejected the login or password, or this server's IP is not on the"
                + " account's allow-list (error 2). The bot makes no provider calls until the"
                + " configuration is fixed and an owner resumes.";
        log.error("Provider calls suspended: {}", words);
        events.add(() -> listener.suspended(Reason.CREDENTIALS, words));
      }
    } else if (e.is(SmscErrorCode.IP_BLOCKED)) {
      if (ipBlockedUntil == null) {
        ipBlockedUntil = now.plus(ipBlock);
        String words =
            "SMSC has blocked this server's IP address (error 4). The bot makes no"
                + " provider calls until "
                + ipBlockedUntil.truncatedTo(ChronoUnit.SECONDS)
                + " ("
                + ipBlock.toMinutes()
                + " min) and then resumes by itself.";
        log.error("Provider calls suspended: {}", words);
        keep(ipBlockedUntil);
        events.add(() -> listener.suspended(Reason.IP_BLOCKED, words));
      }
    }
  }

  void expireIpBlock(Instant now) {
    if (ipBlockedUntil != null && !now.isBefore(ipBlockedUntil)) {
      ipBlockedUntil = null;
      keep(null);
      log.info("SMSC IP block over: provider calls allowed again");
      events.add(() -> listener.resumed(Reason.IP_BLOCKED));
    }
  }

  /** Allows provider calls again after error 2. An IP block (error 4) still runs its course. */
  void resume() {
    if (credentialsRejected) {
      credentialsRejected = false;
      log.info("Provider calls resumed by an owner");
      events.add(() -> listener.resumed(Reason.CREDENTIALS));
    }
  }

  /** The next listener call to make, outside the lock; null when none is due. */
  Runnable nextEvent() {
    return events.poll();
  }

  Instant lastSuccess() {
    return lastSuccess;
  }

  String lastError() {
    return lastError;
  }

  SmscException lastFailure() {
    return lastFailure;
  }

  Instant lastErrorAt() {
    return lastErrorAt;
  }

  Instant ipBlockedUntil() {
    return ipBlockedUntil;
  }

  /** The circuit as {@code /status} shows it: an open circuit past its cool-off is half-open. */
  String circuitWords(Instant now) {
    Circuit shown =
        circuit == Circuit.OPEN && !now.isBefore(circuitOpenUntil) ? Circuit.HALF_OPEN : circuit;
    return shown.words;
  }

  /** Why every call stops; empty when calls are allowed. */
  List<Reason> suspendedFor() {
    List<Reason> reasons = new ArrayList<>();
    if (credentialsRejected) {
      reasons.add(Reason.CREDENTIALS);
    }
    if (ipBlockedUntil != null) {
      reasons.add(Reason.IP_BLOCKED);
    }
    return reasons;
  }

  /** Why every call stops, in words for logs and health; null when calls are allowed. */
  String suspension() {
    List<String> suspension = new ArrayList<>();
    if (credentialsRejected) {
      suspension.add("credentials rejected (error 2), waiting for an owner to resume");
    }
    if (ipBlockedUntil != null) {
      suspension.add("IP blocked (error 4)");
    }
    return suspension.isEmpty() ? null : String.join("; ", suspension);
  }
}
