package dev.sendersbot.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What differs between the engines a {@link Database} can sit on (SQLite, PostgreSQL): where its
 * connections come from, how a transaction starts, and the few statements SQL does not say the same
 * way in both. Everything else, every repository's SQL included, is shared.
 */
interface Engine extends AutoCloseable {

  /** How messages name the database: the SQLite file, or the PostgreSQL URL without secrets. */
  String name();

  /** Which migration scripts this engine runs, and its Flyway set-up. */
  Dialect dialect();

  /**
   * The connection the next outermost write runs on (in auto-commit mode; {@link Database} starts
   * and ends the transaction). Only one write at a time borrows it.
   */
  Connection borrowWriter() throws SQLException;

  /** Takes the writer back; {@code reusable} false (not even a rollback worked) discards it. */
  void returnWriter(Connection c, boolean reusable);

  /** A connection for one read transaction. */
  Connection borrowReader() throws SQLException;

  void returnReader(Connection c, boolean reusable);

  /** Every table of the bot's schema with a column of that name, sorted. */
  List<String> tablesWithColumn(Connection c, String column) throws SQLException;

  /**
   * Sets {@code chat_id = newChatId} where it is {@code oldChatId}, skipping the rows that would
   * collide with a row the new id already has (SQLite's {@code UPDATE OR IGNORE}).
   *
   * @return how many rows moved
   */
  int moveChatRows(Connection c, String quotedTable, long oldChatId, long newChatId)
      throws SQLException;

  /**
   * Whether this process may act as the leader ({@link LeaderElection}); {@link Fence#NONE} on
   * SQLite, where the one process always does, and before an election starts.
   */
  default Fence fence() {
    return Fence.NONE;
  }

  /** Called before the last connection closes; SQLite optimises its statistics here. */
  void beforeClose();

  @Override
  void close();
}
