package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sendersbot.i18n.Lang;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** A chat's /lang and /tz choices, on both engines. */
@BothEngines
class SqliteChatSettingsTest {
  @Parameter StoreEngine engine;
  StoreEngine.Target target;

  @TempDir Path dir;
  Database db;
  SqliteChatSettings settings;

  @BeforeEach
  void open() {
    target = engine.fresh(dir);
    db = target.open();
    settings = new SqliteChatSettings(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aChatThatChoseNothingIsAutomatic() {
    assertEquals(ChatSettings.Setting.NONE, settings.find(-100_200));
  }

  @Test
  void eachChoiceIsKeptBesideTheOthersAndAfterReopening() {
    long chat = -1_001_234_567_890L;
    settings.language(chat, Lang.RU);
    settings.zone(chat, ZoneId.of("Asia/Yekaterinburg"));
    settings.subscriberLanguage(chat, Lang.EN);
    ChatSettings.Setting want =
        new ChatSettings.Setting(Lang.RU, ZoneId.of("Asia/Yekaterinburg"), Lang.EN);
    assertEquals(want, settings.find(chat));
    db.close();
    db = target.open();
    assertEquals(want, new SqliteChatSettings(db).find(chat));
  }

  @Test
  void nullTakesAChoiceBackToAutomaticAndLeavesTheOthers() {
    settings.language(7, Lang.EN);
    settings.zone(7, ZoneId.of("Europe/Moscow"));
    settings.language(7, null);
    assertEquals(
        new ChatSettings.Setting(null, ZoneId.of("Europe/Moscow"), null), settings.find(7));
    settings.zone(7, null);
    assertEquals(new ChatSettings.Setting(null, null, null), settings.find(7));
  }

  @Test
  void chatsDoNotShareChoices() {
    settings.language(1, Lang.RU);
    settings.language(2, Lang.EN);
    assertEquals(Lang.RU, settings.find(1).language());
    assertEquals(Lang.EN, settings.find(2).language());
  }
}
