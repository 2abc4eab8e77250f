package dev.sendersbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void readsNameAndArgumentsIgnoringExtraSpaces() {
    CommandLine c = CommandLine.parse("   /senders    all   shop  ").orElseThrow();
    assertEquals("senders", c.name());
    assertNull(c.addressee());
    assertEquals(List.of("all", "shop"), c.args());
  }

  @Test
  void lowerCasesTheCommandButNotItsArguments() {
    CommandLine c = CommandLine.parse("/SeNdEr MyShop").orElseThrow();
    assertEquals("sender", c.name());
    assertEquals(List.of("MyShop"), c.args());
  }

  @Test
  void splitsOffTheBotNameAndMatchesItCaseInsensitively() {
    CommandLine c = CommandLine.parse("/help@SendersBot").orElseThrow();
    assertEquals("help", c.name());
    assertTrue(c.isFor("@sendersbot"));
    assertFalse(c.isFor("OtherBot"));
    assertTrue(CommandLine.parse("/help").orElseThrow().isFor("AnyBot"));
  }

  @Test
  void keepsSpacesInsideEveryKindOfQuotes() {
    assertEquals(
        List.of("shop", "my  comment", "x"),
        CommandLine.parse("/add shop \"my  comment\" x").orElseThrow().args());
    assertEquals(
        List.of("shop", "наш магазин"),
        CommandLine.parse("/add shop «наш магазин»").orElseThrow().args());
    // Phones replace " with typographic quotes.
    assertEquals(List.of("shop", "a b"), CommandLine.parse("/add shop “a b”").orElseThrow().args());
    assertEquals(List.of("shop", "a b"), CommandLine.parse("/add shop „a b“").orElseThrow().args());
  }

  @Test
  void anUnclosedQuoteRunsToTheEnd() {
    assertEquals(
        List.of("shop", "a b c"), CommandLine.parse("/chg shop \"a b c").orElseThrow().args());
  }

  @Test
  void newlinesSeparateArgumentsToo() {
    assertEquals(
        List.of("shop", "mts", "mega"),
        CommandLine.parse("/register shop\nmts\tmega").orElseThrow().args());
  }

  @Test
  void textThatIsNotACommandIsNotParsed() {
    assertTrue(CommandLine.parse("hello").isEmpty());
    assertTrue(CommandLine.parse("/").isEmpty());
    assertTrue(CommandLine.parse("/ senders").isEmpty());
    assertTrue(CommandLine.parse("/сендерс").isEmpty());
    assertTrue(CommandLine.parse("").isEmpty());
  }

  @Test
  void restJoinsTheArgumentsFromAnIndex() {
    CommandLine c = CommandLine.parse("/chg shop new   comment here").orElseThrow();
    assertEquals("new comment here", c.rest(1));
    assertEquals("", c.rest(5));
  }
}
