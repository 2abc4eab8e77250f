package dev.sendersbot.chat;

import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.message.Html;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records what the bot says, and rejects what Telegram would reject: a text over 4096 visible
 * characters, or HTML Telegram cannot parse (an unescaped '<' or '&', an unknown or unbalanced
 * tag).
 */
final class RecordingMessenger implements Messenger {
  private static final Set<String> TAGS =
      Set.of(
          "b",
          "strong",
          "i",
          "em",
          "u",
          "ins",
          "s",
          "strike",
          "del",
          "code",
          "pre",
          "a",
          "tg-spoiler",
          "blockquote",
          "span");
  private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>");
  private static final Pattern ENTITY =
      Pattern.compile("&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);");

  record Sent(long chatId, Integer topicId, Reply reply, int messageId) {
    String text() {
      return Html.visibleText(reply.html());
    }
  }

  record Edit(long chatId, int messageId, Reply reply) {
    String text() {
      return Html.visibleText(reply.html());
    }
  }

  record Answered(String callbackId, String toast) {}

  final List<Sent> sent = new ArrayList<>();
  final List<Edit> edits = new ArrayList<>();
  final List<long[]> deleted = new ArrayList<>();
  final List<Answered> answered = new ArrayList<>();
  final List<String> rejected = new ArrayList<>();
  final Map<String, byte[]> files = new HashMap<>();
  final List<Long> downloads = new ArrayList<>();
  boolean mayDelete = true;
  private int nextId = 5000;

  @Override
  public synchronized int send(long chatId, Integer topicId, Reply reply) {
    check(reply);
    int id = nextId++;
    sent.add(new Sent(chatId, topicId, reply, id));
    return id;
  }

  @Override
  public synchronized void edit(long chatId, int messageId, Reply reply) {
    check(reply);
    edits.add(new Edit(chatId, messageId, reply));
  }

  @Override
  public synchronized boolean delete(long chatId, int messageId) {
    if (!mayDelete) {
      return false;
    }
    deleted.add(new long[] {chatId, messageId});
    return true;
  }

  @Override
  public synchronized void answerCallback(String callbackId, String toast) {
    if (toast != null && toast.length() > 200) {
      reject("toast longer than 200 characters: " + toast);
    }
    answered.add(new Answered(callbackId, toast));
  }

  @Override
  public synchronized byte[] download(Attachment file, long maxBytes) {
    downloads.add(maxBytes);
    byte[] b = files.get(file.fileId());
    if (b == null) {
      throw new DeliveryException(
          DeliveryException.Kind.REJECTED, "no such file", null, null, null);
    }
    if (b.length > maxBytes) {
      return java.util.Arrays.copyOf(b, (int) maxBytes);
    }
    return b.clone();
  }

  private void check(Reply r) {
    int visible = Html.visibleLength(r.html());
    if (visible == 0 || visible > Reply.MAX_TEXT) {
      reject("text length " + visible);
    }
    String problem = htmlProblem(r.html());
    if (problem != null) {
      reject("can't parse entities: " + problem + " in: " + r.html());
    }
  }

  private void reject(String why) {
    rejected.add(why);
    throw new DeliveryException(
        DeliveryException.Kind.REJECTED, "Bad Request: " + why, null, null, null);
  }

  /** Null when Telegram would parse the HTML. */
  static String htmlProblem(String html) {
    Deque<String> open = new ArrayDeque<>();
    int i = 0;
    while (i < html.length()) {
      char c = html.charAt(i);
      if (c == '<') {
        Matcher m = TAG.matcher(html);
        if (!m.find(i) || m.start() != i) {
          return "unescaped '<' at " + i;
        }
        String name = m.group(2).toLowerCase();
        if (!TAGS.contains(name)) {
          return "unsupported tag <" + name + ">";
        }
        if (m.group(1).isEmpty()) {
          open.push(name);
        } else if (open.isEmpty() || !open.pop().equals(name)) {
          return "unbalanced </" + name + ">";
        }
        i = m.end();
      } else if (c == '&') {
        Matcher m = ENTITY.matcher(html);
        if (!m.find(i) || m.start() != i) {
          return "unescaped '&' at " + i;
        }
        i = m.end();
      } else if (c == '>') {
        return "unescaped '>' at " + i;
      } else {
        i++;
      }
    }
    return open.isEmpty() ? null : "unclosed <" + open.peek() + ">";
  }

  // ---- reading what was said

  synchronized Sent last() {
    if (sent.isEmpty()) {
      throw new AssertionError("nothing was sent");
    }
    return sent.get(sent.size() - 1);
  }

  synchronized String lastText() {
    return last().text();
  }

  synchronized List<Sent> to(long chatId) {
    return sent.stream().filter(s -> s.chatId() == chatId).toList();
  }

  synchronized String allText() {
    StringBuilder b = new StringBuilder();
    sent.forEach(s -> b.append(s.text()).append('\n'));
    edits.forEach(e -> b.append(e.text()).append('\n'));
    return b.toString();
  }

  synchronized Edit lastEdit() {
    if (edits.isEmpty()) {
      throw new AssertionError("nothing was edited");
    }
    return edits.get(edits.size() - 1);
  }

  synchronized Answered lastAnswer() {
    if (answered.isEmpty()) {
      throw new AssertionError("no callback answered");
    }
    return answered.get(answered.size() - 1);
  }

  synchronized Answered lastAnswerOrNull() {
    return answered.isEmpty() ? null : answered.get(answered.size() - 1);
  }

  synchronized int count() {
    return sent.size();
  }
}
