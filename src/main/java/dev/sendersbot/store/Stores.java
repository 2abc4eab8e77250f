package dev.sendersbot.store;

import dev.sendersbot.access.AccessRequests;
import dev.sendersbot.access.AuditLog;
import dev.sendersbot.access.ChatRegistry;
import java.time.Clock;
import java.util.Objects;

/**
 * Every repository of issue 3, built on one {@link Database}, for the wiring in {@code Main}. The
 * database stays the caller's to close.
 */
public record Stores(
    Database database,
    ChatRegistry chats,
    AuditLog audit,
    AccessRequests accessRequests,
    BotState botState,
    PendingCodes pendingCodes,
    ButtonActions buttons,
    SenderComments senderComments,
    ChatSettings settings) {

  public Stores {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(chats, "chats");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(accessRequests, "accessRequests");
    Objects.requireNonNull(botState, "botState");
    Objects.requireNonNull(pendingCodes, "pendingCodes");
    Objects.requireNonNull(buttons, "buttons");
    Objects.requireNonNull(senderComments, "senderComments");
    Objects.requireNonNull(settings, "settings");
  }

  /** The SQLite repositories over {@code database}; {@code clock} decides what has expired. */
  public static Stores of(Database database, Clock clock) {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(clock, "clock");
    return new Stores(
        database,
        new SqliteChatRegistry(database),
        new SqliteAuditLog(database),
        new SqliteAccessRequests(database),
        new SqliteBotState(database),
        new SqlitePendingCodes(database, clock),
        new SqliteButtonActions(database, clock),
        new SqliteSenderComments(database),
        new SqliteChatSettings(database));
  }
}
