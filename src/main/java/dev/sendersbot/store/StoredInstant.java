package dev.sendersbot.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** One named instant in the {@code bot_state} table, kept across restarts (to the millisecond). */
public final class StoredInstant {
  private final Database db;
  private final String name;

  public StoredInstant(Database db, String name) {
    this.db = Objects.requireNonNull(db, "db");
    this.name = Objects.requireNonNull(name, "name");
  }

  public Optional<Instant> get() {
    OptionalLong millis = db.read("read " + name, c -> BotStateRows.get(c, name));
    return millis.isPresent()
        ? Optional.of(Instant.ofEpochMilli(millis.getAsLong()))
        : Optional.empty();
  }

  /** Keeps {@code at}; null forgets it. */
  public void set(Instant at) {
    db.write(
        "keep " + name,
        c -> {
          if (at == null) {
            BotStateRows.delete(c, name);
          } else {
            BotStateRows.put(c, name, at.toEpochMilli());
          }
          return null;
        });
  }
}
