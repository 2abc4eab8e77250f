package dev.sendersbot.console;

import dev.sendersbot.chat.ChatRef;
import dev.sendersbot.chat.Incoming;
import dev.sendersbot.chat.UserRef;
import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.Button;
import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.message.Html;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console transport of {@code demo}: the person at the terminal types commands into one private
 * chat, reads replies as plain text, and presses a button by typing its number.
 *
 * <p>A file is attached to a message by ending it with {@code --file PATH} (for {@code /doc}).
 */
public final class ConsoleChat implements Messenger {
  private static final Pattern FILE_ARG = Pattern.compile("\\s+--file\\s+(\\S+)\\s*$");
  private static final Pattern BUTTON_PRESS = Pattern.compile("\\[?(\\d{1,2})]?");

  private final PrintStream out;
  private final ChatRef chat;
  private final UserRef user;
  private final AtomicInteger messageIds = new AtomicInteger(100);
  private final AtomicLong updateIds = new AtomicLong();
  private final Map<String, Path> files = new ConcurrentHashMap<>();
  private final Object printLock = new Object();

  /** Buttons of the newest message that had any, numbered from 1. */
  private volatile List<PressableButton> buttons = List.of();

  private volatile boolean expectingCode;

  private record PressableButton(int messageId, Button button) {}

  public ConsoleChat(PrintStream out, long chatAndUserId, String username) {
    this.out = out;
    this.chat = new ChatRef(chatAndUserId, ChatRef.Type.PRIVATE, username, null);
    this.user = new UserRef(chatAndUserId, username, username);
  }

  public long chatId() {
    return chat.id();
  }

  /**
   * Reads lines until end of input or {@code /quit}, handing each to {@code sink}.
   *
   * @return normally at end of input
   */
  public void run(BufferedReader in, Consumer<Incoming> sink) throws IOException {
    prompt();
    String line;
    while ((line = in.readLine()) != null) {
      String text = line.strip();
      if (text.equals("/quit") || text.equals("/exit")) {
        break;
      }
      if (!text.isEmpty()) {
        Incoming incoming = toIncoming(text);
        if (incoming != null) {
          try {
            sink.accept(incoming);
          } catch (RuntimeException e) {
            println("(the bot failed on that: " + e.getClass().getSimpleName() + ")");
          }
        }
      }
      prompt();
    }
  }

  Incoming toIncoming(String text) {
    Matcher press = BUTTON_PRESS.matcher(text);
    if (press.matches() && !expectingCode) {
      int n = Integer.parseInt(press.group(1));
      List<PressableButton> current = buttons;
      if (n < 1 || n > current.size()) {
        println("(no button " + n + " on the last message)");
        return null;
      }
      PressableButton b = current.get(n - 1);
      return new Incoming.Callback(
          updateIds.incrementAndGet(),
          chat,
          user,
          "console-" + updateIds.get(),
          b.messageId(),
          b.button().data());
    }
    Attachment file = null;
    Matcher f = FILE_ARG.matcher(text);
    if (f.find()) {
      Path path = Path.of(f.group(1));
      if (!Files.isRegularFile(path)) {
        println("(no such file: " + path + ")");
        return null;
      }
      String id = "file-" + updateIds.incrementAndGet();
      files.put(id, path);
      long size;
      try {
        size = Files.size(path);
      } catch (IOException e) {
        println("(cannot read " + path + ")");
        return null;
      }
      file = new Attachment(id, path.getFileName().toString(), null, size);
      text = text.substring(0, f.start());
    }
    Incoming.ReplyTo replyTo = null;
    if (expectingCode && !text.startsWith("/")) {
      // A typed answer to a code prompt stands for Telegram's ForceReply reply.
      replyTo = new Incoming.ReplyTo(0, true, "code", null);
    }
    expectingCode = false;
    return new Incoming.Message(
        updateIds.incrementAndGet(),
        chat,
        user,
        messageIds.incrementAndGet(),
        text,
        file,
        replyTo,
        false);
  }

  @Override
  public int send(long chatId, Integer topicId, Reply reply) {
    int id = messageIds.incrementAndGet();
    show(chatId == chat.id() ? null : "to chat " + chatId, id, reply);
    return id;
  }

  @Override
  public void edit(long chatId, int messageId, Reply reply) {
    show("edited", messageId, reply);
  }

  @Override
  public boolean delete(long chatId, int messageId) {
    println("(message " + messageId + " deleted)");
    return true;
  }

  @Override
  public void answerCallback(String callbackId, String toast) {
    if (toast != null && !toast.isBlank()) {
      println("(" + toast + ")");
    }
  }

  @Override
  public byte[] download(Attachment file, long maxBytes) {
    Path path = files.get(file.fileId());
    if (path == null) {
      throw new DeliveryException(
          DeliveryException.Kind.REJECTED, "unknown file " + file.fileId(), null, null, null);
    }
    try {
      if (Files.size(path) > maxBytes) {
        throw new DeliveryException(
            DeliveryException.Kind.REJECTED,
            "file " + path.getFileName() + " is larger than " + maxBytes + " bytes",
            null,
            null,
            null);
      }
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new DeliveryException(
          DeliveryException.Kind.TRANSIENT, "cannot read " + path, null, null, e);
    }
  }

  /** A line from outside the chat (the sandbox's "SMS", a notification banner). */
  public void notice(String text) {
    println("  » " + text);
  }

  private void show(String label, int messageId, Reply reply) {
    StringBuilder b = new StringBuilder();
    b.append(label == null ? "" : "[" + label + "] ");
    b.append(Html.visibleText(reply.html().replaceAll("(?i)<br\\s*/?>", "\n")));
    if (reply.silent()) {
      b.append("\n  (silent)");
    }
    if (!reply.keyboard().isEmpty()) {
      List<PressableButton> pressable = new ArrayList<>();
      b.append('\n');
      for (List<Button> row : reply.keyboard()) {
        b.append(' ');
        for (Button button : row) {
          pressable.add(new PressableButton(messageId, button));
          b.append(" [").append(pressable.size()).append("] ").append(button.text());
        }
        b.append('\n');
      }
      b.append("  (type a number to press a button)");
      buttons = List.copyOf(pressable);
    }
    if (reply.forceReply()) {
      expectingCode = true;
      b.append("\n  (type your answer)");
    }
    println(indent(b.toString()));
  }

  private static String indent(String s) {
    return "bot> " + s.replace("\n", "\n     ");
  }

  private void prompt() {
    synchronized (printLock) {
      out.print("you> ");
      out.flush();
    }
  }

  private void println(String s) {
    synchronized (printLock) {
      out.println(s);
      out.flush();
    }
  }
}
