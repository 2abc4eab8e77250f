package dev.sendersbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolationTest {
  private final List<String> problems = new ArrayList<>();
  private final Map<String, String> env = new HashMap<>();
  private final Interpolation interpolation = new Interpolation(env);

  private String sub(Key k, String text) {
    return interpolation.substitute(k, text, problems::add);
  }

  private String sub(String text) {
    return sub(Key.SMSC_LOGIN, text);
  }

  @Test
  void textWithoutReferencesIsUnchanged() {
    assertEquals("plain $ text {x} $x", sub("plain $ text {x} $x"));
    assertEquals(List.of(), problems);
  }

  @Test
  void setVariablesAreSubstitutedWhereverTheyStand() {
    env.put("HOST", "example.org");
    env.put("PORT", "8443");
    assertEquals("https://example.org:8443/x", sub("https://${HOST}:${PORT}/x"));
  }

  @Test
  void defaultAppliesToAnUnsetAndToAnEmptyVariable() {
    env.put("EMPTY", "");
    assertEquals("d1", sub("${UNSET:-d1}"));
    assertEquals("d2", sub("${EMPTY:-d2}"));
    assertEquals("", sub("${UNSET:-}"), "an empty default leaves the key unset");
    env.put("SET", "v");
    assertEquals("v", sub("${SET:-d3}"), "a set variable wins over its default");
  }

  // Without ':-' an empty variable is taken as it is, as in the shell's ${VAR}.
  @Test
  void emptyVariableWithoutDefaultIsEmptyNotAnError() {
    env.put("EMPTY", "");
    assertEquals("a-b", sub("a-${EMPTY}b"));
    assertEquals(List.of(), problems);
  }

  @Test
  void doubleDollarIsALiteralReference() {
    env.put("X", "no");
    assertEquals("${X}", sub("$${X}"));
    assertEquals("cost: $5 ${literal}", sub("cost: $5 $${literal}"));
  }

  // A value is inserted as it is: a secret that happens to hold "${" must not be read again.
  @Test
  void substitutedValueIsNotSubstitutedAgain() {
    env.put("PW", "a${UNSET}b");
    assertEquals("a${UNSET}b", sub("${PW}"));
    assertEquals(List.of(), problems);
  }

  @Test
  void unsetVariableWithoutDefaultIsNamedWithTheWayToMakeItOptional() {
    assertNull(sub("x${MY_LOGIN}y"));
    assertEquals(
        List.of(
            "environment variable MY_LOGIN is not set (referenced as ${MY_LOGIN};"
                + " write ${MY_LOGIN:-default} to make it optional)"),
        problems);
  }

  @Test
  void unterminatedReferenceSaysHowToWriteALiteral() {
    assertNull(sub("${ABC"));
    assertEquals(List.of("'${' without a closing '}'; write $${ for a literal ${"), problems);
  }

  @Test
  void invalidVariableNameIsQuotedForAPlainKey() {
    assertNull(sub("${1BAD}"));
    assertEquals(List.of("'${1BAD}' is not a valid variable reference"), problems);
  }

  @Test
  void invalidVariableNameIsNotQuotedForASecretKey() {
    String pasted = "s3cr3t-pasted-value";
    assertNull(sub(Key.SMSC_PASSWORD, "${" + pasted + "}"));
    assertEquals(List.of("a ${...} reference with an invalid variable name"), problems);
    assertFalse(problems.get(0).contains(pasted));
  }

  @Test
  void firstProblemStopsTheValue() {
    assertNull(sub("${UNSET_A} ${UNSET_B}"));
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).contains("UNSET_A"), problems.toString());
  }
}
