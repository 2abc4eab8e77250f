package dev.sendersbot.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a chat wants its notifications: its mutes, its quiet hours and its daily summary. Durable,
 * per chat. Times of day are in the chat's time zone; the reader applies it.
 */
public interface ChatAlerts {

  /** The name a mute of every name is stored under. */
  String EVERY_NAME = "";

  /**
   * A mute.
   *
   * @param name the muted name in upper case, or {@link #EVERY_NAME}
   * @param until when it ends; null: until unmuted
   * @param byOwner set by an owner, so it may silence the bot's own notices too
   */
  record Mute(
      long chatId, String name, Instant until, long byUser, boolean byOwner, Instant createdAt) {
    public Mute {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean everyName() {
      return EVERY_NAME.equals(name);
    }

    /** Whether it silences the chat at {@code now}. */
    public boolean activeAt(Instant now) {
      return until == null || until.isAfter(now);
    }
  }

  /**
   * @param quietFrom quiet hours start; null: none
   * @param quietTo quiet hours end (the next day when not after the start); null: none
   * @param summaryAt the daily summary's time; null: no summary
   * @param summaryAlways send the summary on a day with nothing to say too
   * @param summaryLast the chat's local date of the last summary made; null: never
   */
  record Settings(
      long chatId,
      LocalTime quietFrom,
      LocalTime quietTo,
      LocalTime summaryAt,
      boolean summaryAlways,
      LocalDate summaryLast) {
    public static Settings none(long chatId) {
      return new Settings(chatId, null, null, null, false, null);
    }

    /** Whether {@code t} falls in the quiet hours (start included, end excluded). */
    public boolean quietAt(LocalTime t) {
      if (quietFrom == null || quietTo == null) {
        return false;
      }
      return quietFrom.isBefore(quietTo)
          ? !t.isBefore(quietFrom) && t.isBefore(quietTo)
          : !t.isBefore(quietFrom) || t.isBefore(quietTo);
    }
  }

  /**
   * Mutes the names (every name when {@code names} is empty) until {@code until} (null: until
   * unmuted), replacing a mute the chat had on them.
   */
  void mute(long chatId, Set<String> names, Instant until, long byUser, boolean byOwner);

  /**
   * Ends the chat's mutes of the names (every mute of the chat when {@code names} is empty) now;
   * the watcher then sends what they held back in one summary.
   *
   * @return how many mutes ended
   */
  int unmute(long chatId, Set<String> names);

  /** The chat's mutes in force now, by name. */
  List<Mute> mutes(long chatId);

  /** The chat's settings; {@link Settings#none} when it has none. */
  Settings settings(long chatId);

  /** Quiet hours from {@code from} to {@code to}; both null turns them off. */
  void quiet(long chatId, LocalTime from, LocalTime to);

  /** The daily summary at {@code at}; null turns it off. */
  void summary(long chatId, LocalTime at, boolean always);

  /** Every chat with a daily summary. */
  List<Settings> summaries();

  /** When the earliest mute ends; empty when none has an end. */
  Optional<Instant> nextMuteEnd();
}
