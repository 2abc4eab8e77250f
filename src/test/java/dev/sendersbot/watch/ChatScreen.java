package dev.sendersbot.watch;

import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.Button;
import dev.sendersbot.message.Html;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the chats see of the bot's answers to commands and button presses: each message as last
 * edited, and the toast of each press.
 */
final class ChatScreen implements Messenger {
  /** A message of the bot's in a chat, as it reads now. */
  record Shown(long chatId, int messageId, Reply reply) {
    String text() {
      return Html.visibleText(reply.html());
    }

    /** The callback data of the button with this label. */
    String button(String label) {
      for (List<Button> row : reply.keyboard()) {
        for (Button b : row) {
          if (b.text().equals(label)) {
            return b.data();
          }
        }
      }
      throw new AssertionError("no " + label + " button on: " + text());
    }
  }

  private final Map<Integer, Shown> messages = new HashMap<>();
  private final List<String> toasts = new ArrayList<>();
  private int nextId = 7000;
  private int edits;

  @Override
  public synchronized int send(long chatId, Integer topicId, Reply reply) {
    int id = nextId++;
    messages.put(id, new Shown(chatId, id, reply));
    return id;
  }

  @Override
  public synchronized void edit(long chatId, int messageId, Reply reply) {
    Shown before = messages.get(messageId);
    if (before == null || before.chatId() != chatId) {
      throw new AssertionError("edit of a message the bot never sent: " + messageId);
    }
    edits++;
    messages.put(messageId, new Shown(chatId, messageId, reply));
  }

  @Override
  public boolean delete(long chatId, int messageId) {
    return messages.remove(messageId) != null;
  }

  @Override
  public synchronized void answerCallback(String callbackId, String toast) {
    toasts.add(toast == null ? "" : toast);
  }

  @Override
  public byte[] download(Attachment file, long maxBytes) {
    throw new UnsupportedOperationException("no files in these chats");
  }

  synchronized Shown message(int id) {
    return messages.get(id);
  }

  synchronized Shown last() {
    return messages.get(nextId - 1);
  }

  synchronized String lastToast() {
    return toasts.isEmpty() ? null : toasts.get(toasts.size() - 1);
  }

  synchronized int edits() {
    return edits;
  }
}
