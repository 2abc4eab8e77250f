package dev.sendersbot.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** {@link SenderComments} in the {@code sender_comments} table; times kept to the millisecond. */
public final class SqliteSenderComments implements SenderComments {
  // The account's own names are kept under '' rather than NULL, which a key never matches.
  private static final String ACCOUNT = "";

  private final Database db;

  public SqliteSenderComments(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public void put(SenderComment c) {
    Objects.requireNonNull(c, "comment");
    db.write(
        "remember the comment of " + c.name() + where(c.subClient()),
        conn -> {
          try (PreparedStatement ps =
              conn.prepareStatement(
                  "INSERT INTO sender_comments"
                      + " (sub_client, name, comment, set_by, set_by_label, set_at) VALUES (?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (sub_client, name) DO UPDATE SET name = excluded.name,"
                      + " comment = excluded.comment, set_by = excluded.set_by,"
                      + " set_by_label = excluded.set_by_label, set_at = excluded.set_at")) {
            ps.setString(1, scope(c.subClient()));
            ps.setString(2, c.name());
            ps.setString(3, c.comment());
            ps.setLong(4, c.setBy());
            ps.setString(5, c.setByLabel());
            ps.setLong(6, c.setAt().toEpochMilli());
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<SenderComment> find(String subClient, String name) {
    Objects.requireNonNull(name, "name");
    return db.read(
        "find the comment of " + name + where(subClient),
        conn -> {
          try (PreparedStatement ps =
              conn.prepareStatement(
                  "SELECT name, comment, set_by, set_by_label, set_at FROM sender_comments"
                      + " WHERE sub_client = ? AND name = ?")) {
            ps.setString(1, scope(subClient));
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new SenderComment(
                      subClient,
                      rs.getString("name"),
                      rs.getString("comment"),
                      rs.getLong("set_by"),
                      rs.getString("set_by_label"),
                      Instant.ofEpochMilli(rs.getLong("set_at"))));
            }
          }
        });
  }

  @Override
  public void remove(String subClient, String name) {
    Objects.requireNonNull(name, "name");
    db.write(
        "forget the comment of " + name + where(subClient),
        conn -> {
          try (PreparedStatement ps =
              conn.prepareStatement(
                  "DELETE FROM sender_comments WHERE sub_client = ? AND name = ?")) {
            ps.setString(1, scope(subClient));
            ps.setString(2, name);
            ps.executeUpdate();
          }
          return null;
        });
  }

  private static String scope(String subClient) {
    return subClient == null ? ACCOUNT : subClient;
  }

  private static String where(String subClient) {
    return subClient == null ? "" : " of sub-client " + subClient;
  }
}
