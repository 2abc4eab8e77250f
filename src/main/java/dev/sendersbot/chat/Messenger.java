package dev.sendersbot.chat;

/**
 * How the bot talks back, whatever the transport (Telegram, the console, a test). Implementations
 * keep the transport's rate limits; failures are {@link DeliveryException}.
 */
public interface Messenger {

  /**
   * Sends a message; replies longer than the transport allows are the caller's to split (see
   * {@link Html#split}).
   *
   * @param topicId forum topic; null for none
   * @return the new message's id
   */
  int send(long chatId, Integer topicId, Reply reply);

  /** Replaces the text and buttons of an earlier message of the bot's. */
  void edit(long chatId, int messageId, Reply reply);

  /** Deletes a message; false when the bot may not (no right, too old). Never throws for that. */
  boolean delete(long chatId, int messageId);

  /** Acknowledges a button press, with an optional short toast. */
  void answerCallback(String callbackId, String toast);

  /** Reads an attached file, at most {@code maxBytes}. */
  byte[] download(Attachment file, long maxBytes);
}
