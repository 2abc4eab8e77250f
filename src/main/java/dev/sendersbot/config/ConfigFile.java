package dev.sendersbot.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a configuration file into a YAML tree. Only the syntax is checked here; which keys may
 * appear is {@link TreeReader}'s job.
 */
final class ConfigFile {
  // A key given twice is almost always a copy-paste slip; the last one silently winning would hide
  // which value is in force.
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private ConfigFile() {}

  /**
   * @param p an absolute path
   * @throws ConfigException when the file cannot be read or is not YAML
   */
  static JsonNode read(Path p) {
    try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
      return YAML.readTree(r);
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          null, "configuration file " + p + " is not valid YAML" + yamlError(e));
    } catch (CharacterCodingException e) {
      throw new ConfigException(null, "configuration file " + p + " is not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(null, "cannot read configuration file " + p + ": " + reason(e));
    }
  }

  // The parser's own message quotes the offending line, which may hold a secret: report only where
  // and what kind of error it is.
  private static String yamlError(JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    String where =
        loc == null || loc.getLineNr() < 1
            ? ""
            : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    String original = e.getOriginalMessage();
    if (original != null && original.startsWith("Duplicate field")) {
      return where + ": duplicate key " + original.substring("Duplicate field".length()).strip();
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblem() != null) {
        return where + ": " + m.getProblem();
      }
    }
    return where;
  }

  /** Why a file could not be read, in words; the exception's own message may quote content. */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof CharacterCodingException) {
      return "not UTF-8 text";
    }
    return e.getClass().getSimpleName();
  }
}
