package dev.sendersbot.store;

import java.nio.file.Path;

/**
 * The engines a store suite runs on. {@link StoreEngines} decides which a run uses: SQLite in
 * {@code mvn -B test}, PostgreSQL in the {@code postgresql} Failsafe run of {@code mvn -B verify},
 * both when a test is run by hand without the property.
 */
public enum StoreEngine {
  SQLITE,
  POSTGRESQL;

  /** A new database of this engine at this build's schema; a SQLite file is made in {@code dir}. */
  public Target fresh(Path dir) {
    return this == SQLITE
        ? new Target(dir.resolve("bot.db"), null)
        : new Target(null, PostgresServer.shared().createMigratedDatabase());
  }

  /** A new database without any table (for tests of the migrations themselves). */
  public Target empty(Path dir) {
    return this == SQLITE
        ? new Target(dir.resolve("bot.db"), null)
        : new Target(null, PostgresServer.shared().createDatabase());
  }

  /** One database, opened as often as a test likes (a restart is a close and an open). */
  public record Target(Path file, PostgresTarget postgres) {
    public Database open() {
      return file != null ? Database.open(file) : Database.open(postgres);
    }

    Database open(Migrations sqlite, Migrations postgresql, int upToVersion) {
      return file != null
          ? Database.open(file, sqlite, upToVersion)
          : Database.open(postgres, postgresql, upToVersion);
    }
  }
}
