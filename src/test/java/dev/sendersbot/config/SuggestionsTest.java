package dev.sendersbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  private static final List<String> SMSC = Key.leaves("smsc");

  @Test
  void otherSpellingsOfTheSameNameAreRecognised() {
    assertEquals(Optional.of("base-url"), Suggestions.closest("baseUrl", SMSC), "camelCase");
    assertEquals(Optional.of("base-url"), Suggestions.closest("base_url", SMSC), "snake_case");
    assertEquals(Optional.of("base-url"), Suggestions.closest("BASEURL", SMSC), "upper case");
    assertEquals(Optional.of("password-file"), Suggestions.closest("passwordFile", SMSC));
  }

  @Test
  void typosWithinTwoEditsAreRecognised() {
    assertEquals(Optional.of("password"), Suggestions.closest("pasword", SMSC), "a letter missing");
    assertEquals(
        Optional.of("timeout"), Suggestions.closest("timeuot", SMSC), "two letters swapped");
    assertEquals(Optional.of("telegram"), Suggestions.closest("telegrm", Key.sections()));
  }

  @Test
  void farNamesGetNoSuggestion() {
    assertEquals(Optional.empty(), Suggestions.closest("zzzzzzzz", SMSC));
    assertEquals(Optional.empty(), Suggestions.closest("pwd", SMSC), "three edits are too many");
    assertEquals("", Suggestions.didYouMean("zzzzzzzz", SMSC));
  }

  @Test
  void suggestionReadsAsAQuestion() {
    assertEquals(" (did you mean 'api-key'?)", Suggestions.didYouMean("apikey", SMSC));
  }

  @Test
  void nearestWinsAndTheFirstOfEquallyNearOnes() {
    assertEquals(Optional.of("login"), Suggestions.closest("logn", List.of("logins", "login")));
    assertEquals(Optional.of("ab"), Suggestions.closest("a", List.of("ab", "ac")));
  }

  @Test
  void distanceCountsInsertionsDeletionsAndReplacements() {
    assertEquals(0, Suggestions.distance("port", "port"));
    assertEquals(1, Suggestions.distance("prt", "port"));
    assertEquals(1, Suggestions.distance("pport", "port"));
    assertEquals(1, Suggestions.distance("pert", "port"));
    assertEquals(4, Suggestions.distance("", "port"));
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
  }
}
