package dev.sendersbot.store;

/**
 * The two SQL dialects the bot speaks. Each has its own folder of migration scripts, listed by an
 * {@code index.txt}: SQLite's in {@code db/migration} (where the scripts of the first releases
 * were), PostgreSQL's in {@code db/migration/postgresql}. Both folders hold the same versions under
 * the same names; {@code MigrationDialectsTest} fails when one lacks a script the other has.
 */
enum Dialect {
  SQLITE(Database.MIGRATIONS, "BEGIN IMMEDIATE", "BEGIN"),
  POSTGRESQL(Database.MIGRATIONS + "/postgresql", "BEGIN", "BEGIN READ ONLY");

  private final String migrations;
  private final String beginWrite;
  private final String beginRead;

  Dialect(String migrations, String beginWrite, String beginRead) {
    this.migrations = migrations;
    this.beginWrite = beginWrite;
    this.beginRead = beginRead;
  }

  /** The class-path folder of this dialect's scripts and their {@code index.txt}. */
  String migrations() {
    return migrations;
  }

  /**
   * Starts a write transaction. SQLite's takes the write lock at once, so a write never fails half
   * way for want of it; PostgreSQL locks rows as they are written.
   */
  String beginWrite() {
    return beginWrite;
  }

  String beginRead() {
    return beginRead;
  }
}
