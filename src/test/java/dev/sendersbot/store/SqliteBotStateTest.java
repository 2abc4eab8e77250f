package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteBotStateTest {
  @TempDir Path dir;
  Database db;
  SqliteBotState state;

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("bot.db"));
    state = new SqliteBotState(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aFreshBotHasHandledNoUpdate() {
    assertTrue(state.lastUpdateId().isEmpty());
  }

  @Test
  void theLastHandledUpdateIsKept() {
    state.markHandled(100);
    state.markHandled(101);
    assertEquals(101, state.lastUpdateId().getAsLong());
  }

  // Updates handled out of order (or replayed) must not move the offset back and repeat work.
  @Test
  void anOlderUpdateIdNeverMovesTheOffsetBack() {
    state.markHandled(500);
    state.markHandled(499);
    assertEquals(500, state.lastUpdateId().getAsLong());
    state.markHandled(500);
    assertEquals(500, state.lastUpdateId().getAsLong());
    state.markHandled(501);
    assertEquals(501, state.lastUpdateId().getAsLong());
  }
}
