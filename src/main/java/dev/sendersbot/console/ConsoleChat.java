package dev.sendersbot.console;

import dev.sendersbot.chat.ChatRef;
import dev.sendersbot.chat.Incoming;
import dev.sendersbot.chat.UserRef;
import dev.sendersbot.i18n.Texts;
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
 *
 * <p>The person at the terminal reads the console's own lines in their language, the one their
 * "client" reports to the bot as its {@code language_code}.
 */
public final class ConsoleChat implements Messenger {
  private static final Pattern FILE_ARG = Pattern.compile("\\s+--file\\s+(\\S+)\\s*$");
  private static final Pattern BUTTON_PRESS = Pattern.compile("\\[?(\\d{1,2})]?");

  private final PrintStream out;
  private final ChatRef chat;
  private final UserRef user;
  private final Texts texts;
  private final AtomicInteger messageIds = new AtomicInteger(100);
  private final AtomicLong updateIds = new AtomicLong();
  private final Map<String, Path> files = new ConcurrentHashMap<>();
  private final Object printLock = new Object();

  /** Buttons of the newest message that had any, numbered from 1. */
  private volatile List<PressableButton> buttons = List.of();

  /** The last code prompt (Telegram's ForceReply), which the next typed line answers; or null. */
  private volatile Incoming.ReplyTo codePrompt;

  private record PressableButton(int messageId, Button button) {}

  /**
   * @param texts the console's own lines, in the person's language; the bot's replies are the
   *     core's
   */
  public ConsoleChat(PrintStream out, long chatAndUserId, String username, Texts texts) {
    this.out = out;
    this.texts = texts;
    this.chat = new ChatRef(chatAndUserId, ChatRef.Type.PRIVATE, username, null);
    this.user = new UserRef(chatAndUserId, username, username, texts.lang().tag());
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
            println(say("console.failed", e.getClass().getSimpleName()));
          }
        }
      }
      prompt();
    }
  }

  Incoming toIncoming(String text) {
    Matcher press = BUTTON_PRESS.matcher(text);
    if (press.matches() && codePrompt == null) {
      int n = Integer.parseInt(press.group(1));
      List<PressableButton> current = buttons;
      if (n < 1 || n > current.size()) {
        println(say("console.noButton", Integer.toString(n)));
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
        println(say("console.noFile", path.toString()));
        return null;
      }
      String id = "file-" + updateIds.incrementAndGet();
      files.put(id, path);
      long size;
      try {
        size = Files.size(path);
      } catch (IOException e) {
        println(say("console.cannotRead", path.toString()));
        return null;
      }
      file = new Attachment(id, path.getFileName().toString(), null, size);
      text = text.substring(0, f.start());
    }
    Incoming.ReplyTo replyTo = null;
    if (codePrompt != null && !text.startsWith("/")) {
      // A typed answer to a code prompt stands for Telegram's ForceReply reply: a reply to that
      // message, which tells the bot whose code it is when several are pending.
      replyTo = codePrompt;
    }
    codePrompt = null;
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
    show(chatId == chat.id() ? null : say("console.toChat", Long.toString(chatId)), id, reply);
    return id;
  }

  @Override
  public void edit(long chatId, int messageId, Reply reply) {
    show(say("console.edited"), messageId, reply);
  }

  @Override
  public boolean delete(long chatId, int messageId) {
    println(say("console.deleted", Integer.toString(messageId)));
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
      b.append("\n  ").append(say("console.silent"));
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
      b.append("  ").append(say("console.pressHint"));
      buttons = List.copyOf(pressable);
    }
    if (reply.forceReply()) {
      codePrompt = new Incoming.ReplyTo(messageId, true, Html.visibleText(reply.html()), null);
      b.append("\n  ").append(say("console.answerHint"));
    }
    println(indent(b.toString()));
  }

  /** A line of the console's own, as plain text (the bundles write HTML). */
  private String say(String key, Object... args) {
    return Html.visibleText(texts.t(key, args));
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
