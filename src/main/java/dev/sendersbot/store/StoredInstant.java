package dev.sendersbot.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One named instant in the {@code bot_state} table, kept across restarts (to the millisecond). */
public final class StoredInstant {
  private final Database db;
  private final String name;

  public StoredInstant(Database db, String name) {
    this.db = Objects.requireNonNull(db, "db");
    this.name = Objects.requireNonNull(name, "name");
  }

  public Optional<Instant> get() {
    return db.read(
        "read " + name,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT value FROM bot_state WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(Instant.ofEpochMilli(rs.getLong(1)))
                  : Optional.empty();
            }
          }
        });
  }

  /** Keeps {@code at}; null forgets it. */
  public void set(Instant at) {
    db.write(
        "keep " + name,
        c -> {
          if (at == null) {
            try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM bot_state WHERE name = ?")) {
              ps.setString(1, name);
              ps.executeUpdate();
            }
            return null;
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO bot_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE"
                      + " SET value = excluded.value")) {
            ps.setString(1, name);
            ps.setLong(2, at.toEpochMilli());
            ps.executeUpdate();
          }
          return null;
        });
  }
}
