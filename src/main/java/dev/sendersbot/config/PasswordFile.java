package dev.sendersbot.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Reads {@code smsc.password-file}: the password from a file of its own, as Docker and Kubernetes
 * mount secrets, so that it is in neither the configuration file nor the environment. Problems name
 * the path, never the content.
 */
final class PasswordFile {
  /** A password file is one short line; anything bigger is the wrong file, not a password. */
  static final long MAX_BYTES = 4096;

  private final Path workDir;

  /**
   * @param workDir a relative path resolves here
   */
  PasswordFile(Path workDir) {
    this.workDir = workDir;
  }

  /** The password, stripped of surrounding white space; null when unset or after a problem. */
  Secret read(RawValues raw, Key k) {
    String key = k.path();
    String text = raw.text(k);
    if (text == null) {
      return null;
    }
    Path p;
    try {
      p = workDir.resolve(text);
    } catch (InvalidPathException e) {
      raw.bad(k, "is not a valid path");
      return null;
    }
    try {
      if (!Files.isRegularFile(p)) {
        raw.problem(
            key,
            "cannot read " + p + ": " + (Files.exists(p) ? "not a regular file" : "no such file"));
        return null;
      }
      if (Files.size(p) > MAX_BYTES) {
        raw.problem(key, p + " is larger than " + MAX_BYTES + " bytes; is it the password file?");
        return null;
      }
      String content = Files.readString(p, StandardCharsets.UTF_8).strip();
      if (content.isEmpty()) {
        raw.problem(key, p + " is empty");
        return null;
      }
      // Two lines are likely a file with a comment or a user name too: sending all of it as the
      // password would only earn error 2, and five of those block the IP.
      if (content.contains("\n") || content.contains("\r")) {
        raw.problem(key, p + " has more than one line; it must hold the password alone");
        return null;
      }
      return Secret.ofNullable(content);
    } catch (IOException e) {
      raw.problem(key, "cannot read " + p + ": " + ConfigFile.reason(e));
      return null;
    }
  }
}
