package dev.sendersbot.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Updates the transport received and parked for later, per chat, oldest first. A parked update
 * counts as handled for the offset ({@link BotState}): Telegram may forget it, the backlog keeps it
 * until it has been handled. This is what lets a chat with a thousand updates waiting sit beside
 * the others instead of in front of them.
 */
public interface UpdateBacklog {

  /**
   * One parked update.
   *
   * @param payload what the transport needs to handle it later (its own encoding)
   */
  record Parked(long updateId, long chatId, String payload) {
    public Parked {
      Objects.requireNonNull(payload, "payload");
    }
  }

  /**
   * Stores {@code parked} and records every update of both lists as handled out of order ({@link
   * BotState#markDone}), in one transaction: after a crash an update is either parked and handled,
   * or neither, and Telegram offers it again. {@code dropped} are updates the transport will not
   * handle (their chat's backlog was full).
   */
  void park(List<Parked> parked, List<Long> dropped);

  /** The chat's oldest parked update with an id above {@code afterUpdateId}. */
  Optional<Parked> next(long chatId, long afterUpdateId);

  /** Forgets a parked update once it has been handled. */
  void remove(long updateId);

  /** How many updates each chat has parked. */
  Map<Long, Integer> counts();

  /** Every parked update's id, lowest first. */
  List<Long> ids();

  /** A group became a supergroup: its parked updates now belong to the new id. */
  void moveChat(long oldChatId, long newChatId);
}
