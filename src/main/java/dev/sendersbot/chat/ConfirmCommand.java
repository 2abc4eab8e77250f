package dev.sendersbot.chat;

import static dev.sendersbot.chat.Html.escape;

import dev.sendersbot.access.Role;
import dev.sendersbot.smsc.CheckCodeRequest;
import dev.sendersbot.smsc.SenderNames;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscErrorCode;
import dev.sendersbot.store.PendingCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /confirm CODE} (the chat's one pending number, or buttons to pick one) and {@code /confirm
 * PHONE CODE}. Only numbers pending in this chat are confirmed, so the cap on wrong codes cannot be
 * stepped around. In a group the message holding the code is deleted once it was used.
 */
final class ConfirmCommand implements Command {
  static final String PICK = "pick";
  static final Duration PICK_TTL = Duration.ofMinutes(5);
  static final int MAX_CHOICES = 8;
  static final int MIN_PHONE_DIGITS = 7;

  @Override
  public String run(Context ctx) {
    List<String> args = normalise(ctx.args());
    boolean holdsCode = !args.isEmpty();
    boolean keepMessage = false;
    try {
      if (args.isEmpty()) {
        throw new IllegalArgumentException("the code is missing");
      }
      if (args.size() > 2) {
        throw new IllegalArgumentException("too many arguments");
      }
      String code = SenderNames.checkCode(args.get(args.size() - 1));
      if (args.size() == 2) {
        String phone = SenderNames.checkPhone(args.get(0));
        Optional<PendingCode> entry = ctx.deps().pendingCodes().find(ctx.chat.id(), phone, ctx.now());
        if (entry.isEmpty()) {
          ctx.reply("No code is pending for <code>" + escape(phone) + "</code> in this chat. "
              + "Send one with <code>/sendcode " + escape(phone) + "</code> first.");
          return Outcome.failed("nothing pending");
        }
        return confirm(ctx, entry.get(), code);
      }
      List<PendingCode> pending = ctx.deps().pendingCodes().forChat(ctx.chat.id(), ctx.now());
      if (pending.isEmpty()) {
        ctx.reply("No confirmation is pending in this chat. Send a code first with "
            + "<code>/sendcode PHONE</code>, then send the code you receive.");
        return Outcome.failed("nothing pending");
      }
      if (pending.size() == 1) {
        return confirm(ctx, pending.get(0), code);
      }
      keepMessage = true; // deleted once a number is picked
      askWhich(ctx, pending, code);
      return Outcome.OK;
    } finally {
      if (holdsCode && !keepMessage) {
        deleteCodeMessage(ctx, ctx.message == null ? 0 : ctx.message.messageId());
      }
    }
  }

  @Override
  public String subject(Context ctx) {
    List<String> args = normalise(ctx.args());
    if (args.size() == 2) {
      return Names.subject(args.get(0));
    }
    if (args.size() == 1) {
      List<PendingCode> pending = ctx.deps().pendingCodes().forChat(ctx.chat.id(), ctx.now());
      return pending.size() == 1 ? pending.get(0).phone() : null;
    }
    return null;
  }

  /**
   * A code typed with a space ("482 113") is one code, not a phone and a code: no phone number is
   * that short.
   */
  static List<String> normalise(List<String> args) {
    if (args.size() >= 2 && args.stream().allMatch(a -> a.matches("[0-9]+"))
        && args.get(0).length() < MIN_PHONE_DIGITS) {
      return List.of(String.join("", args));
    }
    return args;
  }

  /** Confirmation codes are secrets: the audit log keeps the phone, never the code. */
  @Override
  public String auditArgs(List<String> raw) {
    List<String> args = normalise(raw);
    List<String> masked = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      masked.add(i == args.size() - 1 || args.size() > 2 ? "***" : args.get(i));
    }
    return String.join(" ", masked);
  }

  private static void askWhich(Context ctx, List<PendingCode> pending, String code) {
    List<PendingCode> shown = pending.subList(0, Math.min(MAX_CHOICES, pending.size()));
    List<List<Button>> rows = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    for (PendingCode p : shown) {
      Button b = ctx.button(p.phone(), ctx.user.id(), PICK, PICK_TTL, p.phone());
      tokens.add(b.data());
      rows.add(List.of(b));
    }
    int messageId = ctx.message == null ? 0 : ctx.message.messageId();
    ctx.env.holdCode(tokens, code, ctx.now().plus(PICK_TTL), messageId);
    ctx.reply(Reply.html(pending.size() + " numbers are waiting for a code in this chat. "
        + "Which one is this code for?").withKeyboard(rows));
  }

  /** Checks the code with the provider; a wrong one costs one of the entry's attempts. */
  static String confirm(Context ctx, PendingCode entry, String code) {
    try {
      ctx.deps().gateway().checkCode(new CheckCodeRequest(entry.phone(), code, ctx.sub()));
    } catch (SmscError e) {
      if (!e.is(SmscErrorCode.WRONG_CODE)) {
        throw e;
      }
      int left = ctx.deps().pendingCodes().recordWrongAttempt(ctx.chat.id(), entry.phone());
      if (left > 0) {
        ctx.reply("❌ The code for <code>" + escape(entry.phone()) + "</code> is wrong. Check the SMS and "
            + "send it again: " + left + (left == 1 ? " attempt" : " attempts") + " left.");
      } else {
        ctx.reply("❌ The code for <code>" + escape(entry.phone()) + "</code> is wrong, and that was the "
            + "last attempt: this confirmation is cancelled. A new code can be sent "
            + Views.when(entry.sentAt().plus(SendCodeCommand.RESEND_AFTER), ctx.now())
            + " with <code>/sendcode " + escape(entry.phone()) + "</code>.");
      }
      return Outcome.smsc(e.rawCode());
    }
    ctx.deps().pendingCodes().remove(ctx.chat.id(), entry.phone());
    ctx.reply("✅ <code>" + escape(entry.phone()) + "</code> is confirmed.");
    return Outcome.OK;
  }

  static void deleteCodeMessage(Context ctx, int messageId) {
    if (!ctx.chat.isGroup() || messageId == 0) {
      return;
    }
    try {
      ctx.out.delete(ctx.chat.id(), messageId); // false: the bot may not delete here; nothing to do
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(ConfirmCommand.class)
          .info("chat {}: could not delete the message holding a code: {}", ctx.chat.id(), e.toString());
    }
  }

  /** A number picked for a code typed while several were pending. */
  static final class PickPress implements Press {
    @Override
    public String run(Context ctx) {
      Env.HeldCode held = ctx.env.takeCode(ctx.pressedToken);
      if (held == null) {
        ctx.toast("This button has expired. Send /confirm CODE again.");
        return Outcome.refused("button expired");
      }
      try {
        String phone = ctx.pressArgs.get(0);
        Optional<PendingCode> entry = ctx.deps().pendingCodes().find(ctx.chat.id(), phone, ctx.now());
        ctx.edit(ctx.pressedMessageId, Reply.html("Checking the code for <code>" + escape(phone) + "</code>…"));
        if (entry.isEmpty()) {
          ctx.reply("No code is pending for <code>" + escape(phone) + "</code> any more.");
          return Outcome.failed("nothing pending");
        }
        return confirm(ctx, entry.get(), held.code());
      } finally {
        deleteCodeMessage(ctx, held.messageId());
      }
    }

    @Override
    public String subject(List<String> args) {
      return args.get(0);
    }
  }

  static Press.Spec pickSpec() {
    return new Press.Spec(PICK, "confirm", Role.OPERATOR, false, true, new PickPress());
  }
}
