package dev.sendersbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line run in-process, with its own environment and captured output. */
class MainTest {
  static final String TOKEN_SECRET = "AAH-secret_TOKEN_part";
  static final String PASSWORD = "hunter2-PASSWORD";

  @TempDir Path dir;

  record Outcome(int code, String out, String err) {}

  private Outcome run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.execute(args, new CliContext(env, dir, new PrintWriter(out), new PrintWriter(err)));
    return new Outcome(code, out.toString(), err.toString());
  }

  private Outcome run(String... args) {
    return run(Map.of(), args);
  }

  private Path validFile() throws IOException {
    Path f = dir.resolve("bot.yml");
    Files.writeString(
        f,
        """
        telegram:
          token: "123456789:%s"
          owners: [42]
        smsc:
          login: acme
          password: "%s"
        storage:
          database: %s
        """
            .formatted(TOKEN_SECRET, PASSWORD, dir.resolve("data/bot.db")));
    return f;
  }

  @Test
  void checkConfigOnAValidFilePrintsTheMaskedConfigurationAndSucceeds() throws IOException {
    Outcome o = run("check-config", "--config", validFile().toString());
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("  token: 1234****\n"), o.out());
    assertTrue(o.out().contains("  password: ****\n"), o.out());
    assertTrue(o.out().contains("  login: acme\n"), o.out());
    assertTrue(o.out().contains("bot.yml"), "names the file it read: " + o.out());
    assertFalse((o.out() + o.err()).contains(TOKEN_SECRET));
    assertFalse((o.out() + o.err()).contains(PASSWORD));
    assertEquals("", o.err());
    assertFalse(Files.exists(dir.resolve("data")), "checking creates nothing");
  }

  @Test
  void checkConfigOnAWrongKeyExitsTwoNamingTheKey() throws IOException {
    Path f = dir.resolve("bad.yml");
    Files.writeString(f, "telegram:\n  tokn: x\n");
    Outcome o = run("check-config", "--config", f.toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("telegram.tokn"), o.err());
  }

  @Test
  void checkConfigOnAWrongTypeExitsTwoNamingTheKey() throws IOException {
    Path f = dir.resolve("bad.yml");
    Files.writeString(f, "gateway:\n  max-in-flight: many\n");
    Outcome o = run("check-config", "--config", f.toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("gateway.max-in-flight") && o.err().contains("'many'"), o.err());
  }

  @Test
  void checkConfigReportsWhatRunStillMissesAfterPrintingTheConfiguration() {
    Outcome o = run(Map.of("SENDERS_BOT_DATABASE", dir.resolve("x.db").toString()), "check-config");
    assertEquals(2, o.code());
    assertTrue(o.out().contains("built-in defaults"), o.out());
    assertTrue(o.out().contains("api-url: https://api.telegram.org"), o.out());
    assertTrue(o.err().contains("missing for run:"), o.err());
    assertTrue(
        o.err().contains("telegram.token")
            && o.err().contains("telegram.owners")
            && o.err().contains("smsc.login"),
        o.err());
  }

  @Test
  void checkConfigReadsTheFileTheEnvironmentNames() throws IOException {
    Path f = validFile();
    Outcome o = run(Map.of("SENDERS_BOT_CONFIG", f.toString()), "check-config");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("owners: [42]"), o.out());
  }

  // SQLite writes journal files beside the database, so a directory that cannot exist is fatal.
  @Test
  void checkConfigRefusesADatabaseWhoseDirectoryCannotBeCreated() throws IOException {
    Files.writeString(dir.resolve("afile"), "x");
    Outcome o =
        run(
            Map.of("SENDERS_BOT_DATABASE", dir.resolve("afile/sub/bot.db").toString()),
            "check-config",
            "--config",
            validFile().toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("storage.database") && o.err().contains("afile"), o.err());
  }

  @Test
  void checkConfigRefusesADatabasePathThatIsADirectory() throws IOException {
    Outcome o =
        run(
            Map.of("SENDERS_BOT_DATABASE", dir.toString()),
            "check-config",
            "--config",
            validFile().toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("storage.database"), o.err());
  }

  @Test
  void checkConfigOnAMissingFileExitsTwoNamingIt() {
    Outcome o = run("check-config", "--config", "nowhere.yml");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("nowhere.yml"), o.err());
  }

  @Test
  void versionPrintsTheBuiltVersion() {
    Outcome o = run("--version");
    assertEquals(0, o.code());
    assertTrue(o.out().matches("senders-bot \\d+\\.\\d+\\.\\d+\\S*\\R"), o.out());
  }

  @Test
  void helpListsEverySubcommand() {
    Outcome o = run("--help");
    assertEquals(0, o.code());
    for (String c : new String[] {"run", "demo", "sandbox", "check-config"}) {
      assertTrue(o.out().contains("  " + c + " "), "lists " + c + ": " + o.out());
    }
    assertTrue(o.out().contains("--version"), o.out());
  }

  @Test
  void subcommandHelpShowsItsOptions() {
    Outcome o = run("check-config", "--help");
    assertEquals(0, o.code());
    assertTrue(o.out().contains("--config=FILE") && o.out().contains("--online"), o.out());
    assertTrue(run("sandbox", "--help").out().contains("--port=N"));
  }

  @Test
  void noCommandIsAUsageError() {
    Outcome o = run();
    assertEquals(2, o.code());
    assertTrue(o.err().contains("Missing a command") && o.err().contains("check-config"), o.err());
  }

  @Test
  void unknownCommandOrOptionIsAUsageError() {
    assertEquals(2, run("launch").code());
    assertEquals(2, run("check-config", "--strict").code());
    assertEquals(2, run("sandbox", "--port", "abc").code());
    assertEquals(2, run("sandbox", "--port", "70000").code());
  }

  @Test
  void demoInALanguageTheBotDoesNotSpeakIsAUsageErrorNamingIt() {
    Outcome o = run("demo", "--language", "de");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("--language must be ru or en, not 'de'"), o.err());
  }

  @Test
  void runWithoutTokenOwnersOrCredentialsExitsTwoNamingEachKey() {
    Outcome o = run("run");
    assertEquals(2, o.code());
    for (String key : new String[] {"telegram.token", "telegram.owners", "smsc.login"}) {
      assertTrue(o.err().contains(key), key + ": " + o.err());
    }
  }

  /** The same command line through picocli, as every command line went before. */
  private Outcome runWithPicocli(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.withPicocli(
            args, new CliContext(env, dir, new PrintWriter(out), new PrintWriter(err)));
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void runWithoutPicocliFailsExactlyAsThroughPicocli() throws IOException {
    Path wrongKey = dir.resolve("wrong.yml");
    Files.writeString(wrongKey, "telegram:\n  tokn: x\n");
    List<String[]> lines =
        List.of(
            new String[] {"run"},
            new String[] {"run", "--config", dir.resolve("missing.yml").toString()},
            new String[] {"run", "--config=" + wrongKey});
    for (String[] args : lines) {
      Outcome direct = run(args);
      Outcome picocli = runWithPicocli(Map.of(), args);
      assertEquals(2, direct.code(), direct.err());
      assertEquals(picocli, direct, String.join(" ", args));
    }
  }

  @Test
  void runsHelpStillComesFromPicocli() {
    Outcome o = run("run", "--help");
    assertEquals(0, o.code());
    assertTrue(o.out().contains("--config=FILE") && o.out().contains("Run the bot"), o.out());
    assertEquals(2, run("run", "--config").code());
    assertEquals(2, run("run", "--config", "a.yml", "extra").code());
  }
}
