package dev.sendersbot.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The command lines that start the bot in production, {@code run} and {@code run --config FILE} (or
 * {@code --config=FILE}), recognised without picocli. Building picocli's model of every command
 * reads their annotations by reflection at each start (about 0.15 s of CPU), and picocli's classes
 * are compiled for Java 5, which the AppCDS archive cannot hold. Anything else (help, a typo, an
 * {@code @file}, a value picocli might read differently) is left to picocli, so the command line
 * behaves as it always did; {@code RunArgumentsTest} holds each form recognised here to picocli's
 * own reading of it.
 *
 * @param configFile the {@code --config} file; null for the usual search
 */
record RunArguments(Path configFile) {

  /** The plain forms of {@code run}; empty for every other command line. */
  static Optional<RunArguments> of(String... args) {
    if (args.length == 0 || !args[0].equals("run")) {
      return Optional.empty();
    }
    if (args.length == 1) {
      return Optional.of(new RunArguments(null));
    }
    String value;
    if (args.length == 3 && args[1].equals("--config")) {
      value = args[2];
    } else if (args.length == 2 && args[1].startsWith("--config=")) {
      value = args[1].substring("--config=".length());
    } else {
      return Optional.empty();
    }
    // An option-like value or an argument file is picocli's to interpret or refuse.
    if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new RunArguments(Path.of(value)));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
