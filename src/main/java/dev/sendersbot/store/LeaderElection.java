package dev.sendersbot.store;

import java.sql.Connection;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which replica acts: on PostgreSQL, the one holding a session advisory lock on a dedicated
 * connection ({@link LeaderSession}); on SQLite, the one process, always. Every {@link
 * PostgresTimeouts#leaderCheck()} ({@code storage.leader-check-interval}) a standby tries the lock
 * and the leader checks its session with a {@code SELECT 1}; a failure is lost leadership. When a
 * leader dies its session ends, the server frees the lock, and a standby has it at its next try:
 * about a second after the server noticed.
 *
 * <p>The {@link Listener} hears each change on the election's own thread; {@link #leading()} (the
 * {@link Fence}) flips before it is told, so the fence refuses at once.
 */
public final class LeaderElection implements Fence, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

  /** Told when this process becomes the leader and when it stops being it. */
  public interface Listener {
    /** This process now holds the lock: start what only the leader does. */
    void elected();

    /** This process no longer holds the lock: stop acting now, without undoing the new leader's. */
    void deposed();
  }

  private final Database db;
  private final LeaderSession session; // null on SQLite
  private final Listener listener;
  private final Duration every;
  private final Object life = new Object();
  private ScheduledExecutorService schedule; // guarded by life
  private boolean reported; // only on the election thread (or in start, before it runs)

  private LeaderElection(Database db, LeaderSession session, Listener listener, Duration every) {
    this.db = db;
    this.session = session;
    this.listener = listener;
    this.every = every;
  }

  /**
   * Joins the election and fences {@code db} with it. On SQLite, tells {@code listener} it is
   * elected before returning; on PostgreSQL, the first try runs at once on the election's thread.
   */
  public static LeaderElection start(Database db, Listener listener) {
    Duration every =
        db.engine() instanceof PostgresEngine pg
            ? pg.target().timeouts().leaderCheck()
            : PostgresTimeouts.DEFAULTS.leaderCheck();
    return start(db, listener, every);
  }

  static LeaderElection start(Database db, Listener listener, Duration every) {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(listener, "listener");
    LeaderSession session =
        db.engine() instanceof PostgresEngine pg ? new LeaderSession(pg.target()) : null;
    LeaderElection e = new LeaderElection(db, session, listener, every);
    if (session == null) {
      e.reported = true;
      listener.elected();
      return e;
    }
    PostgresEngine pg = (PostgresEngine) db.engine();
    pg.writeOn(session);
    pg.fenceWith(e);
    synchronized (e.life) {
      e.schedule =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "senders-bot-election");
                t.setDaemon(true);
                return t;
              });
      var unused =
          e.schedule.scheduleWithFixedDelay(e::tick, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }
    return e;
  }

  private void tick() {
    try {
      boolean now = session.step(every.toMillis());
      if (now == reported) {
        return;
      }
      reported = now;
      if (now) {
        log.info("elected leader on {}", db.name());
        listener.elected();
      } else {
        log.warn("standing down to standby on {}: {}", db.name(), session.lastError());
        listener.deposed();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // A throw would cancel the schedule, and with it the election, for good.
      log.error("election: a step failed unexpectedly", e);
    }
  }

  /** True while this process is the leader. */
  @Override
  public boolean leading() {
    return session == null || session.leading();
  }

  @Override
  public void ensureLeading(Connection c, String what) {
    if (session != null) {
      session.ensureLeading(c, what);
    }
  }

  /** True on PostgreSQL, where replicas contend for the lock; false on SQLite (one process). */
  public boolean replicated() {
    return session != null;
  }

  /** {@code leader} or {@code standby}, as {@code /healthz} shows it. */
  public String role() {
    return leading() ? "leader" : "standby";
  }

  /** Why the last check failed (the database unreachable, say); null when it did not. */
  public String lastError() {
    return session == null ? null : session.lastError();
  }

  /**
   * Leaves the election: stops trying, and ends the lock's session, which frees the lock for a
   * standby. Stop what the leader does first, so nothing acts after the lock is gone.
   */
  @Override
  public void close() {
    ScheduledExecutorService s;
    synchronized (life) {
      s = schedule;
      schedule = null;
    }
    if (s != null) {
      s.shutdownNow();
      try {
        // A step in progress ends within the session's timeout.
        long wait = ((PostgresEngine) db.engine()).target().timeouts().leaderTimeoutSeconds() + 1L;
        s.awaitTermination(wait, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (session != null) {
      PostgresEngine pg = (PostgresEngine) db.engine();
      pg.fenceWith(new Closed());
      // Ordinary writes (what shutting down records) go back to the pool; fenced ones are refused.
      pg.writeOn(null);
      session.close();
    }
  }

  /** The fence of a process that left the election: it leads nothing any more. */
  private static final class Closed implements Fence {
    @Override
    public boolean leading() {
      return false;
    }

    @Override
    public void ensureLeading(Connection c, String what) {
      throw new NotLeaderException("refused to " + what + ": this replica left the election");
    }
  }
}
