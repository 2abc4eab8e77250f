package dev.sendersbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile against its documentation and against itself, since no Docker runs here: the JVM
 * flags the image starts with are the ones docs/docker.md shows, and the SQLite library those flags
 * name is one the image holds and the archive's training loaded the same way.
 */
class DockerfileTest {
  private List<String> lines;

  @BeforeEach
  void read() throws IOException {
    // Continuation lines joined, so that each instruction is one line.
    String text = Files.readString(Path.of("Dockerfile"), StandardCharsets.UTF_8);
    lines = List.of(text.replaceAll("\\\\\\n", " ").split("\n"));
  }

  private List<String> entrypointFlags() throws IOException {
    String json =
        lines.stream()
            .filter(l -> l.startsWith("ENTRYPOINT "))
            .findFirst()
            .orElseThrow()
            .substring("ENTRYPOINT ".length());
    List<String> words = new ObjectMapper().readValue(json, new TypeReference<List<String>>() {});
    assertEquals("java", words.get(0), json);
    return words.subList(1, words.indexOf("-jar"));
  }

  private Optional<String> property(List<String> flags, String name) {
    String prefix = "-D" + name + "=";
    return flags.stream()
        .filter(f -> f.startsWith(prefix))
        .map(f -> f.substring(prefix.length()))
        .findFirst();
  }

  @Test
  void theImageStartsWithTheFlagsTheDocsShow() throws IOException {
    String docs = Files.readString(Path.of("docs/docker.md"), StandardCharsets.UTF_8);
    Matcher block =
        Pattern.compile("The image starts the bot with:\\s*```sh\\n(.*?)```", Pattern.DOTALL)
            .matcher(docs);
    assertTrue(block.find(), "docs/docker.md shows the image's command");
    List<String> words = List.of(block.group(1).replace("\\\n", " ").trim().split("\\s+"));

    assertEquals(words.subList(1, words.indexOf("-jar")), entrypointFlags());
  }

  @Test
  void theSqliteLibraryTheFlagsNameIsInTheImageAndTheTrainingLoadsItSo() throws IOException {
    List<String> flags = entrypointFlags();
    String dir = property(flags, "org.sqlite.lib.path").orElseThrow();
    String name = property(flags, "org.sqlite.lib.name").orElseThrow();

    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("COPY ") && l.endsWith(" " + dir + "/" + name)),
        "the runtime stage copies " + dir + "/" + name);
    String training =
        lines.stream()
            .filter(l -> l.contains("archive-training"))
            .filter(l -> l.startsWith("RUN "))
            .findFirst()
            .orElseThrow();
    List<String> trainingWords = List.of(training.split("\\s+"));
    assertEquals(Optional.of(dir), property(trainingWords, "org.sqlite.lib.path"), training);
    assertEquals(Optional.of(name), property(trainingWords, "org.sqlite.lib.name"), training);
  }
}
