package dev.sendersbot.gateway;

import java.time.Duration;
import java.util.Objects;

/** The gateway declined to call the provider. Nothing was sent; nothing was queued. */
public final class GatewayRefusal extends RuntimeException {

  /** Why the call was not made. */
  public enum Reason {
    /** The rolling-minute budget for this kind of request is spent. */
    BUDGET,
    /** The provider answered error 9 recently; this kind of request cools down. */
    COOL_DOWN,
    /** The provider rejected the credentials (error 2): calls stop until an owner resumes. */
    CREDENTIALS,
    /** The provider blocked the IP (error 4): calls stop for the block's duration. */
    IP_BLOCKED,
    /** Transport failures in a row opened the circuit. */
    CIRCUIT_OPEN
  }

  private final Reason reason;
  private final Duration retryAfter;

  public GatewayRefusal(Reason reason, Duration retryAfter, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.retryAfter = retryAfter;
  }

  public Reason reason() {
    return reason;
  }

  /** When a retry may succeed; null when it depends on a person (error 2). */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Plain words for a chat user. */
  public String explanation() {
    String when =
        retryAfter == null
            ? ""
            : " Try again in " + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s.";
    return switch (reason) {
      case BUDGET -> "The bot is holding back to stay inside the provider's rate limits." + when;
      case COOL_DOWN -> "The provider asked the bot to slow down (error 9)." + when;
      case CREDENTIALS ->
          "Provider calls are paused: SMSC rejected the credentials (error 2). An owner must fix the configuration or use /status to resume.";
      case IP_BLOCKED ->
          "Provider calls are paused: SMSC has blocked this server's IP (error 4)." + when;
      case CIRCUIT_OPEN ->
          "The SMSC provider is not answering; the bot is checking it gently." + when;
    };
  }
}
