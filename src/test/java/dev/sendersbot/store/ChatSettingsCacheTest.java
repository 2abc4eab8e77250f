package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sendersbot.i18n.Lang;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A chat's settings are read once and kept (the watcher asks for them for every message), and a
 * {@code /lang} or {@code /tz} written through any repository over the same database is seen at
 * once.
 */
@BothEngines
class ChatSettingsCacheTest {
  static final long CHAT = -100500;

  @Parameter StoreEngine engine;
  @TempDir Path dir;
  Database db;

  @BeforeEach
  void open() {
    db = engine.fresh(dir).open();
  }

  @AfterEach
  void close() {
    db.close();
  }

  /** Changes the row behind the repositories' backs, as no code of the bot does. */
  private void setBehindTheBack(String language) {
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE chat_settings SET language = ? WHERE chat_id = ?")) {
            ps.setString(1, language);
            ps.setLong(2, CHAT);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Test
  void aChatsSettingsAreReadOnceAndKept() {
    SqliteChatSettings settings = new SqliteChatSettings(db);
    settings.language(CHAT, Lang.RU);
    assertEquals(Lang.RU, settings.find(CHAT).language());

    setBehindTheBack("en");

    assertEquals(Lang.RU, settings.find(CHAT).language(), "the second read came from the cache");
  }

  // Why: the cache was not told of a group's move to its supergroup, so a supergroup whose id had
  // been read before (an update of it came before the move) kept reading as "no language chosen".
  @Test
  void aGroupsSettingsFollowItToItsSupergroupAtOnce() {
    long supergroup = CHAT - 1_000_000_000_000L;
    SqliteChatSettings settings = new SqliteChatSettings(db);
    settings.language(CHAT, Lang.RU);
    assertEquals(ChatSettings.Setting.NONE, settings.find(supergroup), "read before the move");

    new SqliteChatRegistry(db).migrate(CHAT, supergroup);

    assertEquals(Lang.RU, settings.find(supergroup).language());
    assertEquals(ChatSettings.Setting.NONE, settings.find(CHAT), "the old id keeps nothing");
  }

  @Test
  void aLanguageOrZoneWrittenThroughAnotherRepositoryIsSeenAtOnce() {
    SqliteChatSettings watcher = new SqliteChatSettings(db);
    SqliteChatSettings commands = new SqliteChatSettings(db);
    assertEquals(ChatSettings.Setting.NONE, watcher.find(CHAT));

    commands.language(CHAT, Lang.RU);
    assertEquals(Lang.RU, watcher.find(CHAT).language(), "/lang ru");

    commands.zone(CHAT, ZoneId.of("Asia/Yekaterinburg"));
    assertEquals(ZoneId.of("Asia/Yekaterinburg"), watcher.find(CHAT).zone(), "/tz");

    commands.language(CHAT, null);
    assertEquals(null, watcher.find(CHAT).language(), "/lang auto");

    commands.subscriberLanguage(CHAT, Lang.EN);
    assertEquals(Lang.EN, watcher.find(CHAT).subscriberLanguage(), "a new subscriber's");
  }
}
