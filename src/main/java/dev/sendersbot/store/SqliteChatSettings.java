package dev.sendersbot.store;

import dev.sendersbot.i18n.Lang;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ChatSettings} in the {@code chat_settings} table (V8), one row per chat that chose. */
public final class SqliteChatSettings implements ChatSettings {
  private static final Logger log = LoggerFactory.getLogger(SqliteChatSettings.class);

  private final Database db;
  private final SettingsCache cache;

  public SqliteChatSettings(Database db) {
    this.db = Objects.requireNonNull(db, "db");
    this.cache = SettingsCache.of(db);
  }

  /** Read once per chat and kept until this process writes the chat's settings. */
  @Override
  public Setting find(long chatId) {
    return cache.find(chatId, () -> read(chatId));
  }

  private Setting read(long chatId) {
    return db.read(
        "read the settings of chat " + chatId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT language, time_zone, subscriber_language FROM chat_settings"
                      + " WHERE chat_id = ?")) {
            ps.setLong(1, chatId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Setting.NONE;
              }
              return new Setting(
                  lang(rs.getString(1)), zone(chatId, rs.getString(2)), lang(rs.getString(3)));
            }
          }
        });
  }

  @Override
  public void language(long chatId, Lang languageOrNull) {
    upsert(chatId, "language", languageOrNull == null ? null : languageOrNull.tag());
  }

  @Override
  public void zone(long chatId, ZoneId zoneOrNull) {
    upsert(chatId, "time_zone", zoneOrNull == null ? null : zoneOrNull.getId());
  }

  @Override
  public void subscriberLanguage(long chatId, Lang language) {
    upsert(chatId, "subscriber_language", Objects.requireNonNull(language, "language").tag());
  }

  /** The column is one of this class's own names, never user input. */
  private void upsert(long chatId, String column, String value) {
    db.write(
        "set " + column + " of chat " + chatId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO chat_settings (chat_id, "
                      + column
                      + ") VALUES (?, ?) ON CONFLICT (chat_id) DO UPDATE SET "
                      + column
                      + " = excluded."
                      + column)) {
            ps.setLong(1, chatId);
            ps.setString(2, value);
            ps.executeUpdate();
          }
          return null;
        });
    cache.forget(chatId);
  }

  private static Lang lang(String tag) {
    return tag == null ? null : Lang.parse(tag).orElse(null);
  }

  /** A zone this JDK no longer knows reads as none (the configured one), with a warning. */
  private static ZoneId zone(long chatId, String id) {
    if (id == null) {
      return null;
    }
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      log.warn("chat {}: unknown time zone {} ignored", chatId, id);
      return null;
    }
  }
}
