package dev.sendersbot.watch;

import dev.sendersbot.store.ChatAlerts;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Function;

/**
 * Whether a chat is in its quiet hours now, in its time zone: then everything goes without sound,
 * actionable moves included; nothing is held back.
 */
final class QuietHours {
  private final ChatAlerts alerts;
  private final Function<Long, ZoneId> zones;
  private final Clock clock;

  QuietHours(ChatAlerts alerts, Function<Long, ZoneId> zones, Clock clock) {
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.zones = Objects.requireNonNull(zones, "zones");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  boolean now(long chatId) {
    ChatAlerts.Settings s = alerts.settings(chatId);
    return s.quietAt(clock.instant().atZone(zones.apply(chatId)).toLocalTime());
  }
}
