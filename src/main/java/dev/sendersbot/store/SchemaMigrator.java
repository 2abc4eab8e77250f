package dev.sendersbot.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's schema up to this build's scripts with Flyway, before {@link Database} hands
 * it to anyone. Flyway records each script in {@code flyway_schema_history} and runs it in its own
 * transaction (on PostgreSQL under an advisory lock, so two replicas starting together do not both
 * migrate). What Flyway does not do by itself, this does: it refuses a database holding tables but
 * no history (somebody else's), one from a newer build, and one whose history differs from this
 * build's scripts; and it takes over a SQLite file of the releases before Flyway ({@link
 * LegacyHistory}).
 */
final class SchemaMigrator {
  static final String HISTORY = "flyway_schema_history";
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String name;

  /**
   * @param dataSource connections for Flyway; on SQLite with foreign keys off, so a script may
   *     rebuild a table the way SQLite's ALTER TABLE documentation describes
   * @param name the database, for messages
   */
  SchemaMigrator(DataSource dataSource, Dialect dialect, String name) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.name = name;
  }

  /**
   * Applies the scripts the database lacks, up to {@code upToVersion} (tests stop early to build an
   * old database).
   *
   * @return the schema version the database is at
   * @throws StoreException naming the database, the versions and the script
   */
  int migrate(Migrations migrations, int upToVersion) {
    int latest = migrations.latest();
    Flyway flyway = flyway(migrations, Math.min(upToVersion, latest), null);
    try (Connection c = dataSource.getConnection()) {
      List<String> tables = tables(c);
      if (!tables.contains(HISTORY)) {
        int legacy = dialect == Dialect.SQLITE ? LegacyHistory.version(c, name, migrations) : 0;
        if (legacy > 0) {
          flyway(migrations, latest, MigrationVersion.fromVersion(Integer.toString(legacy)))
              .baseline();
        } else if (!tables.isEmpty()) {
          throw new StoreException(
              "database "
                  + name
                  + " already holds tables "
                  + tables
                  + " but no senders-bot schema version: refusing to change a database the bot"
                  + " did not create");
        }
      } else if (dialect == Dialect.SQLITE) {
        refuseNewer(LegacyHistory.userVersion(c), latest);
      }
    } catch (SQLException e) {
      throw new StoreException(
          "cannot check the schema of database " + name + ": " + e.getMessage(), e);
    }
    int before = version(flyway.info().current());
    refuseNewer(before, latest);
    try {
      flyway.migrate();
    } catch (FlywayException e) {
      throw failure(flyway, migrations, e);
    }
    int now = version(flyway.info().current());
    if (now != before) {
      log.info("database {}: schema migrated from version {} to {}", name, before, now);
    }
    if (dialect == Dialect.SQLITE) {
      LegacyHistory.recordUserVersion(dataSource, name, now);
    }
    return now;
  }

  private Flyway flyway(Migrations migrations, int target, MigrationVersion baseline) {
    FluentConfiguration config =
        Flyway.configure(SchemaMigrator.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:" + migrations.root())
            .resourceProvider(new IndexedResources(migrations))
            .target(MigrationVersion.fromVersion(Integer.toString(target)))
            .cleanDisabled(true)
            .validateMigrationNaming(true)
            // A script this build lacks is a newer build's: refused above, never skipped.
            .ignoreMigrationPatterns(new String[0]);
    if (baseline != null) {
      config
          .baselineVersion(baseline)
          .baselineDescription("schema_version " + baseline + " of senders-bot before Flyway");
    }
    if (dialect == Dialect.SQLITE) {
      config.callbacks(new ForeignKeyCheck());
    }
    return config.load();
  }

  private void refuseNewer(int version, int latest) {
    if (version > latest) {
      throw new StoreException(
          "database "
              + name
              + " has schema version "
              + version
              + ", newer than this build of senders-bot knows ("
              + latest
              + "): run a newer senders-bot, or point storage at another database");
    }
  }

  private StoreException failure(Flyway flyway, Migrations migrations, FlywayException e) {
    int at;
    try {
      at = version(flyway.info().current());
    } catch (FlywayException again) {
      e.addSuppressed(again);
      at = -1;
    }
    String cause = rootMessage(e);
    if (at >= 0 && at < migrations.latest() && !isValidation(e)) {
      return new StoreException(
          "migration "
              + migrations.get(at + 1).resource()
              + " failed on database "
              + name
              + " (left at schema version "
              + at
              + "): "
              + cause,
          e);
    }
    return new StoreException(
        "database "
            + name
            + " does not match this build's migrations (was it made by a different build of"
            + " senders-bot?): "
            + e.getMessage(),
        e);
  }

  private static boolean isValidation(FlywayException e) {
    return e.getClass().getSimpleName().contains("Validate");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t instanceof SQLException
        ? String.valueOf(t.getMessage())
        : String.valueOf(e.getMessage());
  }

  private static int version(MigrationInfo current) {
    if (current == null || current.getVersion() == null) {
      return 0;
    }
    return Integer.parseInt(current.getVersion().getVersion());
  }

  /** The database's own tables (not the engine's), lower case. */
  static List<String> tables(Connection c) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = meta.getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String t = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
        if (!t.startsWith("sqlite_")) {
          tables.add(t);
        }
      }
    }
    tables.sort(null);
    return tables;
  }

  /**
   * SQLite checks no foreign key while a script runs (they are off, so a table can be rebuilt);
   * this checks them all before the script's transaction commits.
   */
  private static final class ForeignKeyCheck implements Callback {
    @Override
    public boolean supports(Event event, Context context) {
      return event == Event.AFTER_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
      return true;
    }

    @Override
    public void handle(Event event, Context context) {
      try (Statement s = context.getConnection().createStatement();
          ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
        if (rs.next()) {
          throw new FlywayException(
              new SQLException("it leaves a foreign key broken in table " + rs.getString(1)));
        }
      } catch (SQLException e) {
        throw new FlywayException(e);
      }
    }

    @Override
    public String getCallbackName() {
      return "foreign key check";
    }
  }
}
