package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.OSInfo;

/**
 * The image loads SQLite's native library from a directory it was unpacked into at build time
 * ({@code -Dorg.sqlite.lib.path}, {@code -Dorg.sqlite.lib.name}; see the Dockerfile): a start then
 * unpacks nothing, where without the two properties the driver writes the library into the
 * temporary directory at every start. Each case is a fresh JVM, since a JVM loads the library once.
 */
class SqliteNativeLibraryTest {
  private static final String NAME = "libsqlitejdbc.so";

  @TempDir Path dir;

  @Test
  void withThePropertiesTheUnpackedLibraryLoadsAndNothingIsWrittenToTmp() throws Exception {
    Path lib = Files.createDirectories(dir.resolve("native"));
    String folder = OSInfo.getNativeLibFolderPathForCurrentOS();
    try (InputStream in =
        OSInfo.class.getResourceAsStream("/org/sqlite/native/" + folder + "/" + NAME)) {
      assertNotNull(in, "the driver's jar has no library for " + folder);
      Files.copy(in, lib.resolve(NAME));
    }
    Path tmp = Files.createDirectories(dir.resolve("tmp-with"));

    String out = open(tmp, "-Dorg.sqlite.lib.path=" + lib, "-Dorg.sqlite.lib.name=" + NAME);

    assertTrue(out.startsWith("sqlite 3."), out);
    assertEquals(List.of(), unpacked(out), "unpacked at start although the library was given");
  }

  @Test
  void withoutThemTheDriverUnpacksTheLibraryIntoTmp() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp-without"));

    String out = open(tmp);

    assertTrue(out.startsWith("sqlite 3."), out);
    assertTrue(
        unpacked(out).stream().anyMatch(n -> n.endsWith(NAME)), "the driver's own way: " + out);
  }

  /** Runs {@link SqliteOpenChild} on a new database with {@code tmp} as its temporary directory. */
  private String open(Path tmp, String... flags) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto", "-Djava.io.tmpdir=" + tmp));
    cmd.addAll(List.of(flags));
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            SqliteOpenChild.class.getName(),
            dir.resolve("child.db").toString()));
    Path log = dir.resolve("child.log");
    Process child =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not exit");
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, child.exitValue(), out);
    return out;
  }

  /** What the child's temporary directory held of SQLite's while it ran. */
  private static List<String> unpacked(String out) {
    String line = out.lines().filter(l -> l.startsWith("tmp:")).findFirst().orElseThrow();
    return Stream.of(line.substring("tmp:".length()).trim().split(" "))
        .filter(n -> n.startsWith("sqlite-"))
        .toList();
  }
}
