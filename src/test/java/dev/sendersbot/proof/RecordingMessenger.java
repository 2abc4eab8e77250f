package dev.sendersbot.proof;

import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * The real messenger with a record of every call: which update was being handled (set by the
 * suite's sink around each one; -1 for the watcher's own sends), what went out, and whether
 * Telegram (the fake) accepted it.
 */
final class RecordingMessenger implements Messenger {
  static final long NO_UPDATE = -1;

  /** One call; {@code failure} is null when the Bot API accepted it. */
  record Op(
      long updateId,
      String method,
      long chatId,
      int messageId,
      String html,
      String toast,
      DeliveryException failure) {}

  private final Messenger delegate;
  private final ThreadLocal<Long> current = ThreadLocal.withInitial(() -> NO_UPDATE);
  private final List<Op> ops = new ArrayList<>();

  RecordingMessenger(Messenger delegate) {
    this.delegate = delegate;
  }

  /** Runs {@code r} with its calls attributed to {@code updateId}. */
  void during(long updateId, Runnable r) {
    current.set(updateId);
    try {
      r.run();
    } finally {
      current.set(NO_UPDATE);
    }
  }

  synchronized List<Op> ops() {
    return List.copyOf(ops);
  }

  private synchronized void record(
      String method,
      long chatId,
      int messageId,
      String html,
      String toast,
      DeliveryException failure) {
    ops.add(new Op(current.get(), method, chatId, messageId, html, toast, failure));
  }

  @Override
  public int send(long chatId, Integer topicId, Reply reply) {
    try {
      int id = delegate.send(chatId, topicId, reply);
      record("send", chatId, id, reply.html(), null, null);
      return id;
    } catch (DeliveryException e) {
      record("send", chatId, 0, reply.html(), null, e);
      throw e;
    }
  }

  @Override
  public void edit(long chatId, int messageId, Reply reply) {
    try {
      delegate.edit(chatId, messageId, reply);
      record("edit", chatId, messageId, reply.html(), null, null);
    } catch (DeliveryException e) {
      record("edit", chatId, messageId, reply.html(), null, e);
      throw e;
    }
  }

  @Override
  public boolean delete(long chatId, int messageId) {
    boolean ok = delegate.delete(chatId, messageId);
    record("delete", chatId, messageId, null, null, null);
    return ok;
  }

  @Override
  public void answerCallback(String callbackId, String toast) {
    try {
      delegate.answerCallback(callbackId, toast);
      record("answer", 0, 0, null, toast, null);
    } catch (DeliveryException e) {
      record("answer", 0, 0, null, toast, e);
      throw e;
    }
  }

  @Override
  public byte[] download(Attachment file, long maxBytes) {
    return delegate.download(file, maxBytes);
  }
}
