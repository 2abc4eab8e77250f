package dev.sendersbot.message;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * How the bot talks back, whatever the transport (Telegram, the console, a test). Implementations
 * keep the transport's rate limits; failures are {@link DeliveryException}.
 */
public interface Messenger {

  /**
   * Sends a message; replies longer than the transport allows are the caller's to split (see {@link
   * Html#split}).
   *
   * @param topicId forum topic; null for none
   * @return the new message's id
   */
  int send(long chatId, Integer topicId, Reply reply);

  /**
   * Sends as {@link #send(long, Integer, Reply)}, asking {@code stillWanted} right before every
   * attempt: the first, and each after a wait the transport makes on its own (a short 429, a
   * network error). When it answers no, nothing more is sent and {@link NotWanted} is thrown. For
   * queued messages whose chat may lose the right to them while they wait; a wait Telegram asks for
   * that is longer than a few seconds is thrown at once ({@link DeliveryException} with its
   * retry_after), for the queue to hold that chat only.
   */
  default int send(long chatId, Integer topicId, Reply reply, BooleanSupplier stillWanted) {
    if (!stillWanted.getAsBoolean()) {
      throw new NotWanted(chatId);
    }
    return send(chatId, topicId, reply);
  }

  /**
   * How long until a queued message (no reply) to the chat could go without waiting, by the
   * transport's limits for that chat (not the overall one), a wait Telegram asked for, and the
   * chat's own replies, which go first for a few seconds; zero for a transport that keeps none.
   * Reserves nothing.
   */
  default Duration untilFree(long chatId) {
    return Duration.ZERO;
  }

  /** Replaces the text and buttons of an earlier message of the bot's. */
  void edit(long chatId, int messageId, Reply reply);

  /**
   * Replaces an earlier message of the bot's, as {@link #edit}, but says when the transport refuses
   * to edit that message: it is gone (deleted by someone) or too old to edit. A message that
   * already reads exactly so is replaced (a retried edit whose answer was lost). Such a refusal is
   * no failure of delivery, and the caller sends a new message instead; every other failure is a
   * {@link DeliveryException} as for {@link #send}. Edits count against the transport's rate limits
   * as messages do.
   *
   * @return true when the message now reads {@code reply}; false when the edit was refused
   */
  default boolean replace(long chatId, int messageId, Reply reply) {
    edit(chatId, messageId, reply);
    return true;
  }

  /**
   * As {@link #replace}, for a queued message (the outbox's live cards): like {@link #send(long,
   * Integer, Reply, BooleanSupplier)}, the transport does not sit out a long wait Telegram asks
   * for, it throws it to the queue.
   */
  default boolean replaceQueued(long chatId, int messageId, Reply reply) {
    return replace(chatId, messageId, reply);
  }

  /** Deletes a message; false when the bot may not (no right, too old). Never throws for that. */
  boolean delete(long chatId, int messageId);

  /** Acknowledges a button press, with an optional short toast. */
  void answerCallback(String callbackId, String toast);

  /** Reads an attached file, at most {@code maxBytes}. */
  byte[] download(Attachment file, long maxBytes);

  /**
   * A message was not sent because its sender no longer wanted it (see {@link #send(long, Integer,
   * Reply, BooleanSupplier)}).
   */
  final class NotWanted extends RuntimeException {
    public NotWanted(long chatId) {
      super("a message to chat " + chatId + " was no longer wanted", null, false, false);
    }
  }
}
