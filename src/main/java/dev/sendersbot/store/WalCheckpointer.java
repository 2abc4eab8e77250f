package dev.sendersbot.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a SQLite file's write-ahead log into the file on a connection and a thread of its own.
 *
 * <p>SQLite's own auto-checkpoint runs inside the commit that takes the log past 1,000 pages, on
 * the writer and so under {@link Database}'s write lock: that commit, and every write queued behind
 * it (a command's audit entry, say), waited for the checkpoint's fsyncs, 5 to 30 ms on a server's
 * disk and more on a busy one, about once every 250 commits. The writer therefore runs with {@code
 * wal_autocheckpoint=0} ({@link SqliteConnections}) and this class runs a PASSIVE checkpoint after
 * every {@code every} commits: it waits for no reader or writer and holds none up.
 *
 * <p>One fsync stays with the writer: once a checkpoint has copied the whole log, the next commit
 * starts the log again and syncs its new header (what keeps a power cut from mixing old and new
 * pages). So the cycles are long: {@value #EVERY_COMMITS} commits, a log of about 10 MB at most.
 *
 * <p>Nothing about durability changes: a commit is in the log either way, SQLite reads a log not
 * yet copied as it reads any other and recovers it after a crash, and a checkpoint syncs the log
 * before it copies and the file after, before the log may start again.
 */
final class WalCheckpointer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /**
   * A command's small transactions write two to four pages each: about four times SQLite's own
   * 1,000 pages, so the writer's header sync comes four times as rarely as its checkpoints did.
   */
  static final int EVERY_COMMITS = 1000;

  private static final long CLOSE_WAIT_SECONDS = 5;

  /** Where the checkpoint runs: the checkpointer's own thread, or a test's hand. */
  interface Runner {
    void run(Runnable checkpoint);

    default void stop() {}
  }

  private final Path file;
  private final int every;
  private final Runner runner;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicBoolean queued = new AtomicBoolean();
  private final AtomicLong done = new AtomicLong();
  private final Object connectionLock = new Object();
  private Connection connection; // guarded by connectionLock; opened on the first checkpoint
  private boolean closed; // guarded by connectionLock
  private boolean warned;

  /** Runs the checkpoints on a daemon thread of its own. */
  static WalCheckpointer start(Path file) {
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "senders-bot-checkpoint");
              t.setDaemon(true);
              return t;
            });
    return new WalCheckpointer(
        file,
        EVERY_COMMITS,
        new Runner() {
          @Override
          public void run(Runnable checkpoint) {
            thread.execute(checkpoint);
          }

          @Override
          public void stop() {
            thread.shutdown();
            try {
              if (!thread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("the checkpoint of {} did not end within {} s", file, CLOSE_WAIT_SECONDS);
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
  }

  /**
   * @param every a checkpoint after this many commits
   * @param runner runs each checkpoint; at most one is queued or running at a time
   */
  WalCheckpointer(Path file, int every, Runner runner) {
    if (every < 1) {
      throw new IllegalArgumentException("a checkpoint needs at least one commit: " + every);
    }
    this.file = file;
    this.every = every;
    this.runner = runner;
  }

  /** The writer committed (or rolled back, which costs a count and nothing else). */
  void committed() {
    if (commits.incrementAndGet() % every == 0 && queued.compareAndSet(false, true)) {
      try {
        runner.run(this::checkpoint);
      } catch (RejectedExecutionException e) {
        queued.set(false); // closing: the last connection's close copies the log
      }
    }
  }

  /** Checkpoints run so far, whatever their outcome. */
  long checkpoints() {
    return done.get();
  }

  private void checkpoint() {
    queued.set(false);
    synchronized (connectionLock) {
      if (closed) {
        return;
      }
      try {
        if (connection == null) {
          connection = SqliteConnections.openCheckpointer(file);
        }
        Result r = passive(connection);
        log.debug(
            "checkpoint of {}: {} of {} log pages copied{}",
            file,
            r.copied(),
            r.pages(),
            r.busy() ? " (readers held the rest)" : "");
      } catch (SQLException | RuntimeException e) {
        // The log only grows meanwhile; the next checkpoint, or the last close, copies it.
        if (!warned) {
          warned = true;
          log.warn("could not checkpoint database {}: {}", file, e.getMessage());
        }
      } finally {
        done.incrementAndGet();
      }
    }
  }

  /** What a checkpoint did: the pages in the log and how many of them are now in the file. */
  record Result(boolean busy, long pages, long copied) {}

  static Result passive(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      return rs.next()
          ? new Result(rs.getInt(1) != 0, rs.getLong(2), rs.getLong(3))
          : new Result(true, -1, -1);
    }
  }

  /** Waits for a running checkpoint, then closes the connection; later commits start none. */
  @Override
  public void close() {
    runner.stop();
    synchronized (connectionLock) {
      closed = true;
      if (connection != null) {
        SqliteConnections.closeQuietly(connection);
        connection = null;
      }
    }
  }
}
