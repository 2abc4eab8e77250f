package dev.sendersbot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.message.DeliveryException.Kind;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import dev.sendersbot.time.Sleeper;
import dev.sendersbot.time.SystemTime;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Sends through the Bot API within Telegram's limits. Every call retries what may succeed later
 * (429 after its retry_after, 5xx and network errors with back-off) a bounded number of times and
 * fails with a {@link DeliveryException} whose kind says what happened; nothing that cannot succeed
 * (400, 403) is retried. No message or log line carries the token. A reply to the chat whose update
 * is being handled goes before other messages to that chat ({@link SendLimiter}); a handler waiting
 * here gives its worker up meanwhile ({@link UpdateLanes}).
 */
public final class TelegramMessenger implements Messenger, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TelegramMessenger.class);

  /** The Bot API serves files up to 20 MB. */
  public static final long MAX_DOWNLOAD_BYTES = 20L * 1024 * 1024;

  private static final int MAX_TOAST = 200;

  /**
   * @param maxRateLimitRetries how many 429s one call waits out before giving up
   * @param maxRetryAfterWait a 429 asking for longer is not waited for here: RETRY_AFTER at once,
   *     so that a caller with a queue (the outbox) can reschedule instead of blocking
   * @param maxAttempts attempts in all for 5xx and network errors
   * @param backOffBase first wait after a 5xx or network error; doubles per attempt
   * @param backOffMax the longest such wait
   * @param limitRate keep Telegram's per-chat, per-group and overall limits (off only to show in a
   *     test what happens without)
   * @param limitMargin added to each limit's window: a message leaving exactly one second after the
   *     last can still arrive a little sooner after it than that
   */
  public record Options(
      int maxRateLimitRetries,
      Duration maxRetryAfterWait,
      int maxAttempts,
      Duration backOffBase,
      Duration backOffMax,
      boolean limitRate,
      Duration limitMargin) {
    public Options {
      if (maxRateLimitRetries < 0 || maxAttempts < 1) {
        throw new IllegalArgumentException(
            "retries must be >= 0 and attempts >= 1: " + maxRateLimitRetries + ", " + maxAttempts);
      }
      Objects.requireNonNull(maxRetryAfterWait, "maxRetryAfterWait");
      Objects.requireNonNull(backOffBase, "backOffBase");
      Objects.requireNonNull(backOffMax, "backOffMax");
      if (limitMargin == null || limitMargin.isNegative()) {
        throw new IllegalArgumentException("limitMargin must be >= 0: " + limitMargin);
      }
    }

    public static Options defaults() {
      return new Options(
          5,
          Duration.ofSeconds(60),
          4,
          Duration.ofMillis(500),
          Duration.ofSeconds(8),
          true,
          Duration.ofMillis(50));
    }

    public Options withoutRateLimit() {
      return new Options(
          maxRateLimitRetries,
          maxRetryAfterWait,
          maxAttempts,
          backOffBase,
          backOffMax,
          false,
          limitMargin);
    }

    public Options withLimitMargin(Duration margin) {
      return new Options(
          maxRateLimitRetries,
          maxRetryAfterWait,
          maxAttempts,
          backOffBase,
          backOffMax,
          limitRate,
          margin);
    }
  }

  /** Who the bot is, from getMe. */
  public record BotIdentity(long id, String username) {}

  /** Counters since start, for /status and benchmarks. */
  public record Stats(long sent, long rateLimited, long retried, long failed) {}

  private final String token;
  private final BotApiEndpoint endpoint;
  private final TokenRedactor redactor;
  private final Options options;
  private final SendLimiter limiter;
  private final SendingHttp sending;
  private final OkHttpTelegramClient client;
  private final AtomicLong sent = new AtomicLong();
  private final Retries retries;
  private final FileDownloads downloads;

  public TelegramMessenger(TelegramSettings settings, OkHttpClient http) {
    this(settings, http, SystemTime.clock(), Sleeper.system(), Options.defaults());
  }

  public TelegramMessenger(
      TelegramSettings settings, OkHttpClient http, Clock clock, Sleeper sleeper, Options options) {
    Objects.requireNonNull(settings, "settings");
    if (settings.token() == null) {
      throw new IllegalArgumentException("telegram.token is required to talk to Telegram");
    }
    this.token = settings.token();
    this.endpoint = BotApiEndpoint.of(settings.apiUrl());
    this.redactor = new TokenRedactor(token);
    Objects.requireNonNull(sleeper, "sleeper");
    this.options = Objects.requireNonNull(options, "options");
    // A handler waiting here for a slot or a retry_after gives its worker up meanwhile.
    Sleeper releasing = d -> LaneTurn.sleepReleasing(sleeper, d);
    this.limiter =
        new SendLimiter(
            Objects.requireNonNull(clock, "clock"),
            releasing,
            SendLimiter.Limits.telegram(options.limitMargin()));
    this.retries = new Retries(options, limiter, releasing);
    this.sending = new SendingHttp(Objects.requireNonNull(http, "http"), redactor);
    this.client =
        new OkHttpTelegramClient(new ObjectMapper(), sending.http, token, endpoint.telegramUrl());
    this.downloads =
        new FileDownloads(
            token,
            endpoint,
            sending.http,
            redactor,
            retries,
            id -> execute("getFile " + id, new GetFile(id)));
  }

  @Override
  public int send(long chatId, Integer topicId, Reply reply) {
    return send(chatId, topicId, reply, () -> true, false);
  }

  /** A queued message: a wait of more than a few seconds Telegram asks for is thrown at once. */
  @Override
  public int send(long chatId, Integer topicId, Reply reply, BooleanSupplier stillWanted) {
    return send(chatId, topicId, reply, stillWanted, true);
  }

  private int send(
      long chatId, Integer topicId, Reply reply, BooleanSupplier stillWanted, boolean queued) {
    Objects.requireNonNull(reply, "reply");
    String what = "sendMessage to chat " + chatId;
    checkText(what, reply.html());
    SendMessage send =
        new LenientSendMessage(
            SendMessage.builder()
                .chatId(chatId)
                .messageThreadId(topicId)
                .text(reply.html())
                .parseMode(ParseMode.HTML)
                .linkPreviewOptions(ReplyMarkup.noPreview())
                .disableNotification(reply.silent() ? Boolean.TRUE : null)
                .replyMarkup(ReplyMarkup.markup(reply))
                .replyParameters(ReplyMarkup.replyTo(reply)));
    Message m =
        retries.run(
            what,
            chatId,
            queued,
            () -> {
              if (!stillWanted.getAsBoolean()) {
                throw new Messenger.NotWanted(chatId);
              }
              return execute(what, send);
            });
    sent.incrementAndGet();
    if (m == null || m.getMessageId() == null) {
      throw failure(
          new DeliveryException(
              Kind.TRANSIENT, what + ": the answer had no message_id", null, null, null));
    }
    return m.getMessageId();
  }

  @Override
  public void edit(long chatId, int messageId, Reply reply) {
    try {
      editText(chatId, messageId, reply, false);
    } catch (DeliveryException e) {
      if (e.kind() != Kind.REJECTED || !EditRefusals.unchanged(e.getMessage())) {
        throw e;
      }
    }
  }

  @Override
  public boolean replace(long chatId, int messageId, Reply reply) {
    return replace(chatId, messageId, reply, false);
  }

  /** A queued edit (a live card's): as {@link #send(long, Integer, Reply, BooleanSupplier)}. */
  @Override
  public boolean replaceQueued(long chatId, int messageId, Reply reply) {
    return replace(chatId, messageId, reply, true);
  }

  private boolean replace(long chatId, int messageId, Reply reply, boolean queued) {
    try {
      editText(chatId, messageId, reply, queued);
      return true;
    } catch (DeliveryException e) {
      if (e.kind() == Kind.REJECTED && EditRefusals.unchanged(e.getMessage())) {
        return true;
      }
      if (e.kind() == Kind.REJECTED && EditRefusals.refused(e.getMessage())) {
        log.debug("editMessageText of message {} in chat {} refused", messageId, chatId);
        return false;
      }
      throw e;
    }
  }

  private void editText(long chatId, int messageId, Reply reply, boolean queued) {
    Objects.requireNonNull(reply, "reply");
    String what = "editMessageText of message " + messageId + " in chat " + chatId;
    checkText(what, reply.html());
    retries.run(
        what,
        chatId,
        queued,
        () ->
            execute(
                what,
                new LenientEditMessageText(
                    EditMessageText.builder()
                        .chatId(chatId)
                        .messageId(messageId)
                        .text(reply.html())
                        .parseMode(ParseMode.HTML)
                        .linkPreviewOptions(ReplyMarkup.noPreview())
                        .replyMarkup(ReplyMarkup.inline(reply.keyboard())))));
  }

  @Override
  public boolean delete(long chatId, int messageId) {
    String what = "deleteMessage of message " + messageId + " in chat " + chatId;
    try {
      Boolean ok =
          retries.run(
              what,
              null,
              () ->
                  execute(
                      what, DeleteMessage.builder().chatId(chatId).messageId(messageId).build()));
      return Boolean.TRUE.equals(ok);
    } catch (DeliveryException e) {
      if (e.kind() == Kind.REJECTED || e.kind() == Kind.FORBIDDEN) {
        log.debug("{}: not allowed ({})", what, e.getMessage());
        return false;
      }
      throw e;
    }
  }

  /** Telegram's 200 at most, cut between whole characters: half an emoji arrives as "?". */
  private static String shortToast(String toast) {
    if (toast.length() <= MAX_TOAST) {
      return toast;
    }
    int cut = MAX_TOAST - 1;
    if (Character.isHighSurrogate(toast.charAt(cut - 1))) {
      cut--;
    }
    return toast.substring(0, cut) + "…";
  }

  @Override
  public void answerCallback(String callbackId, String toast) {
    Objects.requireNonNull(callbackId, "callbackId");
    String what = "answerCallbackQuery " + callbackId;
    String text = toast == null || toast.isBlank() ? null : shortToast(toast);
    try {
      retries.run(
          what,
          null,
          () ->
              execute(
                  what,
                  AnswerCallbackQuery.builder().callbackQueryId(callbackId).text(text).build()));
    } catch (DeliveryException e) {
      // An old or forged callback id: the press is long gone, nothing to acknowledge.
      if (e.kind() != Kind.REJECTED) {
        throw e;
      }
      log.debug("{}: {}", what, e.getMessage());
    }
  }

  @Override
  public byte[] download(Attachment file, long maxBytes) {
    return downloads.download(file, maxBytes);
  }

  /** The bot's own id and username (getMe); the chat core needs the name for /cmd@BotName. */
  public BotIdentity me() {
    User u = retries.run("getMe", null, () -> execute("getMe", new GetMe()));
    return new BotIdentity(u.getId(), u.getUserName());
  }

  public Stats stats() {
    return new Stats(sent.get(), retries.rateLimited(), retries.retried(), retries.failed());
  }

  /**
   * When each chat may next be sent to by this messenger's limits, for the transport ({@link
   * ChatPacing}); never a wait when the limits are off.
   */
  public ChatPacing pacing() {
    return options.limitRate() ? limiter : ChatPacing.NONE;
  }

  @Override
  public Duration untilFree(long chatId) {
    return options.limitRate() ? limiter.untilFreeForOthers(chatId) : Duration.ZERO;
  }

  /** Any other method, with the same retries (for {@link CommandMenu}); not rate-limited. */
  <T extends Serializable> T call(String what, BotApiMethod<T> method) {
    return retries.run(what, null, () -> execute(what, method));
  }

  /** Lets calls in flight finish (up to 2 s) and stops the sending threads. */
  @Override
  public void close() {
    sending.close();
  }

  private <T extends Serializable, M extends BotApiMethod<T>> T execute(String what, M method) {
    try {
      return client.execute(method);
    } catch (TelegramApiException e) {
      throw ApiFailures.classify(what, e, redactor);
    }
  }

  private DeliveryException failure(DeliveryException e) {
    return retries.failure(e);
  }

  private void checkText(String what, String html) {
    DeliveryException problem = TextLimits.problem(what, html);
    if (problem != null) {
      throw failure(problem);
    }
  }
}
