package dev.sendersbot.cli;

import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import dev.sendersbot.ops.Metrics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The messenger one update's handler replies through: the first reply handed on (a message, an edit
 * or a button's toast) records the time since the update arrived, which is what the user waits for.
 * Only the first: later replies of the same update are the rest of one answer.
 */
final class TimedReplies implements Messenger {
  private final Messenger messenger;
  private final Metrics metrics;
  private final long arrivedNanos;
  private final AtomicBoolean recorded = new AtomicBoolean();

  TimedReplies(Messenger messenger, Metrics metrics, long arrivedNanos) {
    this.messenger = messenger;
    this.metrics = metrics;
    this.arrivedNanos = arrivedNanos;
  }

  private void replying() {
    if (recorded.compareAndSet(false, true)) {
      metrics.commandLatency(Duration.ofNanos(Math.max(0, System.nanoTime() - arrivedNanos)));
    }
  }

  @Override
  public int send(long chatId, Integer topicId, Reply reply) {
    replying();
    return messenger.send(chatId, topicId, reply);
  }

  @Override
  public int send(long chatId, Integer topicId, Reply reply, BooleanSupplier stillWanted) {
    replying();
    return messenger.send(chatId, topicId, reply, stillWanted);
  }

  @Override
  public void edit(long chatId, int messageId, Reply reply) {
    replying();
    messenger.edit(chatId, messageId, reply);
  }

  @Override
  public java.time.Duration untilFree(long chatId) {
    return messenger.untilFree(chatId);
  }

  @Override
  public boolean delete(long chatId, int messageId) {
    return messenger.delete(chatId, messageId);
  }

  @Override
  public void answerCallback(String callbackId, String toast) {
    replying();
    messenger.answerCallback(callbackId, toast);
  }

  @Override
  public byte[] download(Attachment file, long maxBytes) {
    return messenger.download(file, maxBytes);
  }
}
