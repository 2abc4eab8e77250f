package dev.sendersbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * {@code run} recognised without picocli: every command line taken on that path must mean exactly
 * what picocli reads in it, and everything else must be left to picocli.
 */
class RunArgumentsTest {
  @TempDir Path dir;

  /** picocli's own reading: the {@code --config} of a {@code run} and nothing else matched. */
  private Optional<Path> picocliReads(String... args) {
    CliContext ctx =
        new CliContext(
            Map.of(),
            dir,
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()));
    ParseResult parsed = new CommandLine(new SendersBotCommand(ctx)).parseArgs(args);
    ParseResult run = parsed.subcommand();
    assertEquals("run", run.commandSpec().name(), String.join(" ", args));
    assertFalse(run.isUsageHelpRequested() || run.isVersionHelpRequested());
    assertTrue(
        run.matchedOptions().stream().allMatch(o -> o.longestName().equals("--config")),
        run.matchedOptions().toString());
    return Optional.ofNullable(((RunCommand) run.commandSpec().userObject()).config.file);
  }

  @Test
  void eachFormTakenWithoutPicocliMeansWhatPicocliReadsInIt() {
    List<String[]> plain =
        List.of(
            new String[] {"run"},
            new String[] {"run", "--config", "config/senders-bot.yml"},
            new String[] {"run", "--config=config/senders-bot.yml"},
            new String[] {"run", "--config", "/config/senders-bot.yml"},
            new String[] {"run", "--config", "with space/bot.yml"},
            new String[] {"run", "--config=a=b.yml"},
            new String[] {"run", "--config", "run"});
    for (String[] args : plain) {
      Optional<RunArguments> fast = RunArguments.of(args);
      assertTrue(fast.isPresent(), String.join(" ", args));
      assertEquals(
          picocliReads(args), Optional.ofNullable(fast.get().configFile()), String.join(" ", args));
    }
  }

  @Test
  void everyOtherCommandLineIsLeftToPicocli() {
    List<String[]> others =
        List.of(
            new String[] {},
            new String[] {"--help"},
            new String[] {"--version"},
            new String[] {"demo"},
            new String[] {"check-config", "--config", "bot.yml"},
            new String[] {"Run"},
            new String[] {"run", "--help"},
            new String[] {"run", "-h"},
            new String[] {"run", "--version"},
            new String[] {"run", "--config"},
            new String[] {"run", "--config="},
            new String[] {"run", "--config", ""},
            new String[] {"run", "--config", "--help"},
            new String[] {"run", "--config", "-h"},
            new String[] {"run", "--config", "@args.txt"},
            new String[] {"run", "--config=@args.txt"},
            new String[] {"run", "--config", "a.yml", "--config", "b.yml"},
            new String[] {"run", "--config", "a.yml", "extra"},
            new String[] {"run", "--conf", "a.yml"},
            new String[] {"run", "extra"},
            new String[] {"@args.txt"},
            new String[] {"run", "--config", "bad\u0000path"});
    for (String[] args : others) {
      assertEquals(Optional.empty(), RunArguments.of(args), String.join(" ", args));
    }
  }
}
