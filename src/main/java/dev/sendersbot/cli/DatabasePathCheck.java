package dev.sendersbot.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the SQLite file can be opened for writing: the file itself if it exists, and its
 * directory, where SQLite also writes its journal files; a directory that does not exist yet must
 * be creatable. Creates nothing but a probe file it removes at once.
 */
final class DatabasePathCheck {
  private DatabasePathCheck() {}

  /** What is wrong with the path, or empty when the bot can create or write the database there. */
  static Optional<String> problem(Path database) {
    Path db = database.toAbsolutePath().normalize();
    if (Files.isDirectory(db)) {
      return Optional.of(db + " is a directory, not a database file");
    }
    if (Files.exists(db) && !Files.isRegularFile(db)) {
      return Optional.of(db + " is not a regular file");
    }
    if (Files.exists(db) && !(Files.isReadable(db) && Files.isWritable(db))) {
      return Optional.of(db + " is not readable and writable");
    }
    Path dir = db.getParent();
    if (dir == null) {
      return Optional.of(db + " has no parent directory");
    }
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing)) {
      return Optional.of(
          "directory "
              + dir
              + " cannot be created: "
              + (existing == null ? "no part of it exists" : existing + " is not a directory"));
    }
    if (!existing.equals(dir)) {
      return Files.isWritable(existing)
          ? Optional.empty()
          : Optional.of(
              "directory " + dir + " cannot be created: " + existing + " is not writable");
    }
    // isWritable answers from permission bits only; a read-only mount shows only on a real write.
    try {
      Path probe = Files.createTempFile(dir, ".senders-bot-check-", ".tmp");
      Files.delete(probe);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(
          "directory " + dir + " is not writable (" + e.getClass().getSimpleName() + ")");
    }
  }
}
