package dev.sendersbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A start-up step run beside the main thread: its value, or its failure as it was. */
class PreparedTest {

  @Test
  void givesTheValueTheStepMade() {
    assertEquals("ready", Prepared.start("test-step", () -> "ready").get());
  }

  @Test
  void aFailedStepThrowsItsOwnExceptionWhereTheValueIsTaken() {
    IllegalArgumentException thrown = new IllegalArgumentException("storage.database is a folder");
    Prepared<String> step =
        Prepared.start(
            "test-step",
            () -> {
              throw thrown;
            });
    assertSame(thrown, assertThrows(IllegalArgumentException.class, step::get));
  }

  @Test
  void aCheckedFailureKeepsItsMessageAndCause() {
    IOException io = new IOException("cannot read /config/senders-bot.yml");
    Prepared<String> step =
        Prepared.start(
            "test-step",
            () -> {
              throw io;
            });
    IllegalStateException e = assertThrows(IllegalStateException.class, step::get);
    assertEquals("cannot read /config/senders-bot.yml", e.getMessage());
    assertSame(io, e.getCause());
  }

  @Test
  void discardClosesWhatTheStepOpened() {
    List<String> closed = new ArrayList<>();
    Prepared.start("test-step", () -> "database").discard(closed::add);
    assertEquals(List.of("database"), closed);
  }

  @Test
  void discardingAFailedStepClosesNothingAndThrowsNothing() {
    List<String> closed = new ArrayList<>();
    Prepared.<String>start(
            "test-step",
            () -> {
              throw new IllegalStateException("no database");
            })
        .discard(closed::add);
    assertTrue(closed.isEmpty());
  }
}
