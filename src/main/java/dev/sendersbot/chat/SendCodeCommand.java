package dev.sendersbot.chat;

import dev.sendersbot.message.Reply;
import dev.sendersbot.smsc.SendCodeRequest;
import dev.sendersbot.smsc.SmscTransportException;
import dev.sendersbot.store.PendingCode;
import dev.sendersbot.store.PendingCodes;
import dev.sendersbot.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /sendcode PHONE}: the provider texts a code to the digital name; the chat remembers the
 * number as pending and asks for the code with a ForceReply, so a phone user can just type it.
 */
final class SendCodeCommand implements Command {
  private static final Logger log = LoggerFactory.getLogger(SendCodeCommand.class);
  static final int ATTEMPTS = 5;

  /** The provider sends a new code to a number only 8 hours after the last. */
  static final Duration RESEND_AFTER = Duration.ofHours(8);

  /**
   * The key of the prompt's words, recognised in every language when a reply to it arrives and its
   * message id is not on record.
   */
  static final String PROMPT = "sendcode.prompt";

  @Override
  public String run(Context ctx) {
    String raw = typed(ctx);
    if (raw == null) {
      throw new BadInput("bad.phoneMissing");
    }
    SendCodeRequest req = SendCodeRequest.of(raw, ctx.sub());
    Instant now = ctx.now();
    PendingCodes codes = ctx.deps().pendingCodes();
    Optional<PendingCode> before = codes.find(ctx.chat.id(), req.phone(), now);
    PendingCode pending =
        new PendingCode(
            ctx.chat.id(),
            ctx.user.id(),
            req.phone(),
            ctx.sub(),
            now,
            ATTEMPTS,
            now.plus(RESEND_AFTER),
            0);
    // Written before the provider texts the code: a code texted while this write failed could not
    // be confirmed, and the provider sends no other for 8 hours.
    codes.put(pending);
    try {
      ctx.deps().gateway().sendCode(req);
    } catch (SmscTransportException e) {
      // A code may have gone: the new entry stays, so /confirm takes it. Not with a code pending
      // here, sent under 8 hours ago: the provider sends no other, and the entry as it was keeps
      // the wrong codes already typed counted.
      if (!e.mayHaveTakenEffect() || before.isPresent()) {
        restore(codes, before, ctx.chat.id(), req.phone());
      }
      throw e;
    } catch (RuntimeException e) {
      restore(codes, before, ctx.chat.id(), req.phone());
      throw e;
    }
    int prompt =
        ctx.reply(
            Reply.html(ctx.tr("sendcode.sent", req.phone(), ctx.t.m(PROMPT)))
                .asForceReplyTo(ctx.message == null ? 0 : ctx.message.messageId()));
    try {
      codes.put(
          new PendingCode(
              pending.chatId(),
              pending.userId(),
              pending.phone(),
              pending.subClient(),
              pending.sentAt(),
              pending.attemptsLeft(),
              pending.expiresAt(),
              prompt));
    } catch (StoreException e) {
      // The number is pending and the code texted: a reply to the prompt is still known by its
      // words, so the chat is not told that anything went wrong.
      log.warn(
          "chat {}: the code prompt for {} not remembered: {}",
          ctx.chat.id(),
          req.phone(),
          e.getMessage());
    }
    return Outcome.OK;
  }

  /**
   * The phone number as typed, its parts joined: "+7 999 123 45 67" is one number. Null when none
   * was typed; two numbers, or words after one, are refused with what was typed.
   */
  static String typed(Context ctx) {
    if (ctx.args().isEmpty()) {
      return null;
    }
    String all = ctx.line.rest(0);
    if (ctx.args().size() > 1
        && !(all.matches("[+0-9()\\- ]+") && all.replaceAll("[^0-9]", "").length() <= 15)) {
      throw new BadInput("bad.onePhone", all);
    }
    return all;
  }

  /** No code went: the entry as it was before this command. */
  private static void restore(
      PendingCodes codes, Optional<PendingCode> before, long chatId, String phone) {
    before.ifPresentOrElse(codes::put, () -> codes.remove(chatId, phone));
  }

  @Override
  public String subject(Context ctx) {
    return ctx.args().isEmpty() ? null : Names.subject(ctx.line.rest(0));
  }
}
