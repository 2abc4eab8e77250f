package dev.sendersbot.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SQLite file: one writer connection for the life of the database (SQLite takes one writer at a
 * time anyway, and queueing in the process beats meeting {@code SQLITE_BUSY}), a {@link ReaderPool}
 * of query-only connections, which in WAL mode read while a write is in progress, and a {@link
 * WalCheckpointer} that copies the log into the file off the writer.
 */
final class SqliteEngine implements Engine {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final Path file;
  private final Connection writer;
  private final ReaderPool readers;
  private final WalCheckpointer checkpointer;

  /**
   * Opens (creating it and its folder when missing) the file's writer connection.
   *
   * @throws StoreException naming the file when it cannot be created or opened
   */
  static SqliteEngine open(Path file) {
    Path path = file.toAbsolutePath().normalize();
    try {
      Path parent = path.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StoreException(
          "cannot create the directory of database " + path + ": " + e.getMessage(), e);
    }
    if (Files.isDirectory(path)) {
      throw new StoreException("database " + path + " is a directory, not a file");
    }
    Connection writer;
    try {
      writer = SqliteConnections.open(path, false);
    } catch (SQLException e) {
      throw new StoreException("cannot open database " + path + ": " + e.getMessage(), e);
    }
    return new SqliteEngine(path, writer);
  }

  SqliteEngine(Path file, Connection writer) {
    this(file, writer, WalCheckpointer.start(file));
  }

  SqliteEngine(Path file, Connection writer, WalCheckpointer checkpointer) {
    this.file = file;
    this.writer = writer;
    this.readers = new ReaderPool(file);
    this.checkpointer = checkpointer;
  }

  Path file() {
    return file;
  }

  /** See {@link WalCheckpointer#checkpoints()}. */
  long checkpoints() {
    return checkpointer.checkpoints();
  }

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public Dialect dialect() {
    return Dialect.SQLITE;
  }

  @Override
  public Connection borrowWriter() {
    return writer;
  }

  @Override
  public void returnWriter(Connection c, boolean reusable) {
    // The one writer stays open: a failed rollback on it surfaces on the next write.
    checkpointer.committed();
  }

  @Override
  public Connection borrowReader() throws SQLException {
    return readers.borrow();
  }

  @Override
  public void returnReader(Connection c, boolean reusable) {
    readers.giveBack(c, reusable);
  }

  @Override
  public List<String> tablesWithColumn(Connection c, String column) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT m.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p"
                + " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                + " AND p.name = ? ORDER BY m.name")) {
      ps.setString(1, column);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    return tables;
  }

  @Override
  public int moveChatRows(Connection c, String quotedTable, long oldChatId, long newChatId)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      // Tables may reference one another by chat id: check those keys at commit, once all moved.
      s.execute("PRAGMA defer_foreign_keys = ON");
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE OR IGNORE " + quotedTable + " SET chat_id = ? WHERE chat_id = ?")) {
      ps.setLong(1, newChatId);
      ps.setLong(2, oldChatId);
      return ps.executeUpdate();
    }
  }

  @Override
  public void beforeClose() {
    try (Statement s = writer.createStatement()) {
      s.execute("PRAGMA optimize");
    } catch (SQLException e) {
      log.debug("PRAGMA optimize on {} failed: {}", file, e.getMessage());
    }
  }

  @Override
  public void close() {
    // First, so the writer's close copies what is left of the log, as the last connection's does.
    checkpointer.close();
    SqliteConnections.closeQuietly(writer);
    readers.close();
  }
}
