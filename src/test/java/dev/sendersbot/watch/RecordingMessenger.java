package dev.sendersbot.watch;

import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.message.Html;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records what was sent, and can be told to answer as Telegram does when it refuses: per chat, once
 * or for good.
 */
final class RecordingMessenger implements Messenger {
  record Sent(long chatId, Integer topicId, Reply reply) {
    String text() {
      return Html.visibleText(reply.html());
    }
  }

  private final List<Sent> sent = new ArrayList<>();
  private final List<Long> attempts = new ArrayList<>();
  private final Map<Long, Deque<DeliveryException>> script = new HashMap<>();
  private final Set<Long> forbidden = new HashSet<>();
  private final Map<Long, Long> migrated = new HashMap<>();
  private final Map<Long, Duration> busy = new HashMap<>();
  private int nextId = 1;

  /** The chat cannot take a message for {@code d}, as {@link #untilFree} says; zero frees it. */
  synchronized void busyFor(long chatId, Duration d) {
    busy.put(chatId, d);
  }

  @Override
  public synchronized Duration untilFree(long chatId) {
    return busy.getOrDefault(chatId, Duration.ZERO);
  }

  synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  synchronized List<Sent> sentTo(long chatId) {
    return sent.stream().filter(s -> s.chatId() == chatId).toList();
  }

  synchronized List<Long> attempts() {
    return List.copyOf(attempts);
  }

  synchronized void clear() {
    sent.clear();
    attempts.clear();
  }

  /** The next sends to the chat fail with these, in order. */
  synchronized void failNext(long chatId, DeliveryException... es) {
    script.computeIfAbsent(chatId, k -> new ArrayDeque<>()).addAll(List.of(es));
  }

  synchronized void forbid(long chatId) {
    forbidden.add(chatId);
  }

  synchronized void migrate(long chatId, long to) {
    migrated.put(chatId, to);
  }

  static DeliveryException retryAfter(Duration d) {
    return new DeliveryException(
        DeliveryException.Kind.RETRY_AFTER,
        "Too Many Requests: retry after " + d.toSeconds(),
        d,
        null,
        null);
  }

  static DeliveryException transientFailure() {
    return new DeliveryException(
        DeliveryException.Kind.TRANSIENT, "502 Bad Gateway", null, null, null);
  }

  static DeliveryException rejected() {
    return new DeliveryException(
        DeliveryException.Kind.REJECTED, "Bad Request: can't parse entities", null, null, null);
  }

  @Override
  public synchronized int send(long chatId, Integer topicId, Reply reply) {
    attempts.add(chatId);
    if (forbidden.contains(chatId)) {
      throw new DeliveryException(
          DeliveryException.Kind.FORBIDDEN,
          "Forbidden: bot was blocked by the user",
          null,
          null,
          null);
    }
    Long to = migrated.get(chatId);
    if (to != null) {
      throw new DeliveryException(
          DeliveryException.Kind.MIGRATED,
          "Bad Request: group chat was upgraded to a supergroup chat",
          null,
          to,
          null);
    }
    Deque<DeliveryException> next = script.get(chatId);
    if (next != null && !next.isEmpty()) {
      throw next.poll();
    }
    if (Html.visibleLength(reply.html()) > Reply.MAX_TEXT || reply.html().isBlank()) {
      throw new DeliveryException(
          DeliveryException.Kind.REJECTED, "Bad Request: message is too long", null, null, null);
    }
    sent.add(new Sent(chatId, topicId, reply));
    return nextId++;
  }

  @Override
  public void edit(long chatId, int messageId, Reply reply) {
    throw new UnsupportedOperationException("the watcher only sends");
  }

  @Override
  public boolean delete(long chatId, int messageId) {
    throw new UnsupportedOperationException("the watcher only sends");
  }

  @Override
  public void answerCallback(String callbackId, String toast) {
    throw new UnsupportedOperationException("the watcher only sends");
  }

  @Override
  public byte[] download(Attachment file, long maxBytes) {
    throw new UnsupportedOperationException("the watcher only sends");
  }
}
