package dev.sendersbot.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the PostgreSQL side waits, and how often the leader election looks ({@code
 * storage.connect-timeout}, {@code storage.leader-check-interval}, {@code storage.leader-timeout};
 * the configuration's ranges keep every accepted value inside the two promises below, which this
 * record checks again so no caller can break them).
 *
 * <ul>
 *   <li><b>A standby takes over within 15 s</b> of the leader's death, even when its host vanished
 *       without closing its connection: the server frees the lock {@value #SERVER_FREES_SECONDS} s
 *       after the leader fell silent (the keepalives {@link LeaderSession} asks for), and a standby
 *       tries again every {@code leaderCheck}; so {@code 11 s + leaderCheck} must stay within 15 s.
 *   <li><b>A leader cut off from the server stops acting before anyone else can lead</b>: its next
 *       check starts within {@code leaderCheck} of the last good one and gives up after {@code
 *       leaderTimeout}, which must end before the server frees the lock ({@value
 *       #SERVER_FREES_SECONDS} s).
 * </ul>
 *
 * @param connect how long opening or borrowing a pooled connection may take (Hikari's connection
 *     timeout)
 * @param leaderCheck how often a standby tries the lock and the leader checks it still holds it
 * @param leaderTimeout how long the lock's session waits for the server (connect, login, and every
 *     answer) before this replica counts the lock lost; whole seconds, a fraction rounds up
 */
public record PostgresTimeouts(Duration connect, Duration leaderCheck, Duration leaderTimeout) {
  /** When the server, at the latest, ends a silent leader's session and frees its lock. */
  static final int SERVER_FREES_SECONDS =
      LeaderSession.KEEPALIVE_IDLE_SECONDS
          + LeaderSession.KEEPALIVE_INTERVAL_SECONDS * LeaderSession.KEEPALIVE_COUNT;

  /** The takeover the documentation promises. */
  static final Duration TAKEOVER = Duration.ofSeconds(15);

  /** The values the configuration's defaults give. */
  public static final PostgresTimeouts DEFAULTS =
      new PostgresTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5));

  public PostgresTimeouts {
    Objects.requireNonNull(connect, "connect");
    Objects.requireNonNull(leaderCheck, "leaderCheck");
    Objects.requireNonNull(leaderTimeout, "leaderTimeout");
    if (connect.isNegative() || connect.isZero()) {
      throw new IllegalArgumentException("connect timeout must be positive: " + connect);
    }
    if (leaderCheck.isNegative() || leaderCheck.isZero()) {
      throw new IllegalArgumentException("leader check interval must be positive: " + leaderCheck);
    }
    if (leaderTimeout.isNegative() || leaderTimeout.isZero()) {
      throw new IllegalArgumentException("leader timeout must be positive: " + leaderTimeout);
    }
    Duration serverFrees = Duration.ofSeconds(SERVER_FREES_SECONDS);
    if (serverFrees.plus(leaderCheck).compareTo(TAKEOVER) > 0) {
      throw new IllegalArgumentException(
          "a leader check interval of "
              + leaderCheck
              + " breaks the 15 s takeover: the server frees a vanished leader's lock after "
              + SERVER_FREES_SECONDS
              + " s, and a standby tries only that often");
    }
    if (leaderCheck.plus(Duration.ofSeconds(ceilSeconds(leaderTimeout))).compareTo(serverFrees)
        >= 0) {
      throw new IllegalArgumentException(
          "a leader check interval of "
              + leaderCheck
              + " and a leader timeout of "
              + leaderTimeout
              + " together reach the "
              + SERVER_FREES_SECONDS
              + " s after which the server frees the lock: a leader cut off from it could"
              + " still act while another one leads");
    }
  }

  /** {@link #leaderTimeout} in whole seconds, as the driver takes it (rounded up). */
  int leaderTimeoutSeconds() {
    return (int) ceilSeconds(leaderTimeout);
  }

  private static long ceilSeconds(Duration d) {
    long s = d.getSeconds();
    return d.getNano() > 0 ? s + 1 : s;
  }
}
