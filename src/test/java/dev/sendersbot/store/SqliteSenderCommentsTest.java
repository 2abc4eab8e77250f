package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@BothEngines
class SqliteSenderCommentsTest {
  @Parameter StoreEngine engine;
  StoreEngine.Target target;
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");

  @TempDir Path dir;
  Database db;
  SqliteSenderComments comments;

  @BeforeEach
  void open() {
    target = engine.fresh(dir);
    db = target.open();
    comments = new SqliteSenderComments(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aPutCommentIsFoundWithEveryFieldAndAfterReopening() {
    SenderComment c = new SenderComment("acme", "MyShop", "our shop", 7, "@alice", T0);
    comments.put(c);
    assertEquals(Optional.of(c), comments.find("acme", "MyShop"));
    db.close();
    db = target.open();
    assertEquals(Optional.of(c), new SqliteSenderComments(db).find("acme", "MyShop"));
  }

  @Test
  void aSecondPutReplacesTheFirst() {
    comments.put(new SenderComment(null, "shop", "first", 7, "@alice", T0));
    SenderComment second = new SenderComment(null, "SHOP", "second", 8, "Bob", T0.plusSeconds(60));
    comments.put(second);
    assertEquals(Optional.of(second), comments.find(null, "shop"));
  }

  // The provider matches names case-insensitively, and so does /sender.
  @Test
  void namesMatchWhateverTheirCase() {
    comments.put(new SenderComment(null, "MyShop", "ours", 7, "@alice", T0));
    assertEquals("ours", comments.find(null, "MYSHOP").orElseThrow().comment());
    comments.remove(null, "myshop");
    assertTrue(comments.find(null, "MyShop").isEmpty());
  }

  @Test
  void eachSubClientAndTheAccountKeepTheirOwnComment() {
    comments.put(new SenderComment(null, "shop", "account", 7, "@alice", T0));
    comments.put(new SenderComment("acme", "shop", "acme", 7, "@alice", T0));
    assertTrue(comments.find("globex", "shop").isEmpty());
    assertEquals("account", comments.find(null, "shop").orElseThrow().comment());
    assertEquals("acme", comments.find("acme", "shop").orElseThrow().comment());
    comments.remove("acme", "shop");
    assertTrue(comments.find("acme", "shop").isEmpty());
    assertEquals("account", comments.find(null, "shop").orElseThrow().comment());
  }

  @Test
  void removingAnUnknownNameDoesNothing() {
    comments.remove(null, "ghost");
    assertTrue(comments.find(null, "ghost").isEmpty());
  }

  @Test
  void aBlankSubClientIsRefusedNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SenderComment(" ", "shop", "c", 7, "@alice", T0));
    assertTrue(e.getMessage().contains("' '"), e.getMessage());
  }
}
