package dev.sendersbot.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A JVM of its own that opens one SQLite file, then prints the library's version and what its
 * temporary directory holds while it runs (the driver deletes what it unpacked there at exit); for
 * {@link SqliteNativeLibraryTest}.
 */
final class SqliteOpenChild {
  private SqliteOpenChild() {}

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select sqlite_version()")) {
      r.next();
      System.out.println("sqlite " + r.getString(1));
    }
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      System.out.println(
          "tmp:" + files.map(p -> " " + p.getFileName()).sorted().collect(Collectors.joining()));
    }
  }
}
