package dev.sendersbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {
  static final String PASSWORD = "hunter2-PASSWORD";

  @TempDir Path dir;

  private final RawValues raw = new RawValues();

  private Secret read(String name, String content) throws IOException {
    if (content != null) {
      Files.writeString(dir.resolve(name), content);
    }
    raw.put(Key.SMSC_PASSWORD_FILE, new RawValues.Raw(name, null, null));
    return new PasswordFile(dir).read(raw, Key.SMSC_PASSWORD_FILE);
  }

  private String onlyProblem() {
    assertEquals(1, raw.problems().size(), raw.problems().toString());
    ConfigException.Problem p = raw.problems().get(0);
    assertEquals("smsc.password-file", p.key());
    assertFalse(p.message().contains(PASSWORD), "the content never shows: " + p);
    return p.message();
  }

  @Test
  void relativePathResolvesInTheWorkingDirectoryAndTheLineIsStripped() throws IOException {
    assertEquals(PASSWORD, read("pw.txt", "  " + PASSWORD + " \r\n").reveal());
    assertEquals(List.of(), raw.problems());
  }

  @Test
  void unsetKeyReadsNothing() {
    assertNull(new PasswordFile(dir).read(raw, Key.SMSC_PASSWORD_FILE));
    assertEquals(List.of(), raw.problems());
  }

  @Test
  void missingFileIsNamedWithItsResolvedPath() throws IOException {
    assertNull(read("gone.txt", null));
    assertEquals("cannot read " + dir.resolve("gone.txt") + ": no such file", onlyProblem());
  }

  @Test
  void directoryIsNotAPasswordFile() throws IOException {
    Files.createDirectories(dir.resolve("secrets"));
    assertNull(read("secrets", null));
    assertEquals("cannot read " + dir.resolve("secrets") + ": not a regular file", onlyProblem());
  }

  @Test
  void fileLargerThanAPasswordIsRefused() throws IOException {
    assertNull(read("big.txt", PASSWORD + "x".repeat((int) PasswordFile.MAX_BYTES)));
    assertEquals(
        dir.resolve("big.txt") + " is larger than 4096 bytes; is it the password file?",
        onlyProblem());
  }

  @Test
  void fileOfExactlyTheLimitIsRead() throws IOException {
    String longest = "p".repeat((int) PasswordFile.MAX_BYTES);
    assertEquals(longest, read("max.txt", longest).reveal());
  }

  @Test
  void emptyFileIsRefused() throws IOException {
    assertNull(read("empty.txt", " \n\t\n"));
    assertEquals(dir.resolve("empty.txt") + " is empty", onlyProblem());
  }

  @Test
  void secondLineIsRefusedWithoutEchoingEither() throws IOException {
    assertNull(read("two.txt", "acme\n" + PASSWORD + "\n"));
    assertEquals(
        dir.resolve("two.txt") + " has more than one line; it must hold the password alone",
        onlyProblem());
  }
}
