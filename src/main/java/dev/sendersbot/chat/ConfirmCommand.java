package dev.sendersbot.chat;

import dev.sendersbot.access.Role;
import dev.sendersbot.i18n.Markup;
import dev.sendersbot.message.Button;
import dev.sendersbot.message.Reply;
import dev.sendersbot.smsc.CheckCodeRequest;
import dev.sendersbot.smsc.SenderNames;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscErrorCode;
import dev.sendersbot.store.PendingCode;
import dev.sendersbot.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /confirm CODE} (the chat's one pending number, or buttons to pick one) and {@code /confirm
 * PHONE CODE}. Only numbers pending in this chat are confirmed, so the cap on wrong codes cannot be
 * stepped around. In a group the message holding the code is deleted once it was used.
 */
final class ConfirmCommand implements Command {
  private static final Logger log = LoggerFactory.getLogger(ConfirmCommand.class);

  static final String PICK = "pick";
  static final Duration PICK_TTL = Duration.ofMinutes(5);
  static final int MAX_CHOICES = 8;
  static final int MIN_PHONE_DIGITS = 7;

  /** The longest code {@link SenderNames#checkCode} takes: a longer number is no code. */
  static final int MAX_CODE_DIGITS = 10;

  static final String MASK = "***";

  @Override
  public String run(Context ctx) {
    List<String> args = normalise(ctx.args());
    boolean holdsCode = !args.isEmpty();
    boolean keepMessage = false;
    try {
      if (args.isEmpty()) {
        throw new BadInput("bad.codeMissing");
      }
      if (args.size() > 2) {
        throw new BadInput("bad.tooMany");
      }
      String code = SenderNames.checkCode(args.get(args.size() - 1));
      if (args.size() == 2) {
        String phone = phone(args.get(0));
        Optional<PendingCode> entry =
            ctx.deps().pendingCodes().find(ctx.chat.id(), phone, ctx.now());
        if (entry.isEmpty()) {
          // A number that could be the code itself, typed first, is not repeated.
          ctx.reply(
              phone.length() > MAX_CODE_DIGITS
                  ? ctx.tr("confirm.noneFor", phone)
                  : ctx.tr("confirm.noneForThat"));
          return Outcome.failed("nothing pending");
        }
        return confirm(ctx, entry.get(), code);
      }
      List<PendingCode> pending = ctx.deps().pendingCodes().forChat(ctx.chat.id(), ctx.now());
      if (pending.isEmpty()) {
        ctx.reply(ctx.tr("confirm.nonePending"));
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

  /** The phone number the command is about: one typed that cannot be a code, or the one pending. */
  @Override
  public String subject(Context ctx) {
    Set<String> pending = pendingPhones(ctx);
    for (String a : ctx.args()) {
      String phone = phoneIn(a, pending);
      if (phone != null) {
        return phone;
      }
    }
    return pending.size() == 1 ? pending.iterator().next() : null;
  }

  /**
   * A code typed with a space ("482 113") is one code, not a phone and a code: no phone number is
   * that short.
   */
  static List<String> normalise(List<String> args) {
    if (args.size() >= 2
        && args.stream().allMatch(a -> a.matches("[0-9]+"))
        && args.get(0).length() < MIN_PHONE_DIGITS) {
      return List.of(String.join("", args));
    }
    return args;
  }

  /**
   * Confirmation codes are secrets, and people type them anywhere among the arguments: the audit
   * log keeps only phone numbers that cannot be a code (see {@link #phoneIn}); every other argument
   * becomes {@value #MASK}, a run of them one.
   */
  @Override
  public String auditArgs(Context ctx) {
    Set<String> pending = pendingPhones(ctx);
    List<String> kept = new ArrayList<>();
    for (String a : ctx.args()) {
      String phone = phoneIn(a, pending);
      if (phone != null) {
        kept.add(phone);
      } else if (kept.isEmpty() || !kept.get(kept.size() - 1).equals(MASK)) {
        kept.add(MASK);
      }
    }
    return String.join(" ", kept);
  }

  /**
   * The phone number an argument holds when it cannot be a code: one with a code pending in this
   * chat (the bot itself sent a code to it), or one number of more digits than any code. Quotes and
   * punctuation around it do not count. Null for anything else.
   */
  static String phoneIn(String arg, Set<String> pending) {
    String core = arg.strip().replaceAll("^[^0-9+]+|[^0-9]+$", "");
    String phone;
    try {
      phone = SenderNames.checkPhone(core);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (pending.contains(phone)) {
      return phone;
    }
    // Spaces inside could join a code to a phone number ("338824 79991234567" in quotes).
    return core.matches("\\+?[0-9]+") && phone.length() > MAX_CODE_DIGITS ? phone : null;
  }

  private static Set<String> pendingPhones(Context ctx) {
    return ctx.deps().pendingCodes().forChat(ctx.chat.id(), ctx.now()).stream()
        .map(PendingCode::phone)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The phone argument; the error does not repeat it, since it may be the code typed first. */
  private static String phone(String raw) {
    try {
      return SenderNames.checkPhone(raw);
    } catch (IllegalArgumentException e) {
      throw new BadInput("bad.phoneFormat");
    }
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
    ctx.reply(Reply.html(ctx.tr("confirm.which", pending.size())).withKeyboard(rows));
  }

  /** Checks the code with the provider; a wrong one costs one of the entry's attempts. */
  static String confirm(Context ctx, PendingCode entry, String code) {
    try {
      ctx.deps().gateway().checkCode(new CheckCodeRequest(entry.phone(), code, ctx.sub()));
    } catch (SmscError e) {
      if (!e.is(SmscErrorCode.WRONG_CODE)) {
        throw e;
      }
      // The provider answers 11 when no code is waiting, as after a check it did make: the last
      // /confirm of the number here got no answer, so this may be no wrong code at all.
      if (AuditEntries.lostAnswer(ctx, "confirm", entry.phone(), a -> a.chatId() == ctx.chat.id())
          .isPresent()) {
        ctx.reply(ctx.tr("confirm.maybeDone", entry.phone()));
        return Outcome.smsc(e.rawCode());
      }
      int left = ctx.deps().pendingCodes().recordWrongAttempt(ctx.chat.id(), entry.phone());
      if (left > 0) {
        ctx.reply(ctx.tr("confirm.wrong", entry.phone(), left));
      } else {
        ctx.reply(
            ctx.tr(
                "confirm.lastWrong",
                entry.phone(),
                new Markup(
                    ctx.t.when(entry.sentAt().plus(SendCodeCommand.RESEND_AFTER), ctx.now()))));
      }
      return Outcome.smsc(e.rawCode());
    }
    try {
      ctx.deps().pendingCodes().remove(ctx.chat.id(), entry.phone());
    } catch (StoreException e) {
      // The provider has confirmed it: that is the answer. The entry lapses with its time.
      log.warn(
          "chat {}: {} confirmed but still pending here: {}",
          ctx.chat.id(),
          entry.phone(),
          e.getMessage());
    }
    ctx.reply(ctx.tr("confirm.done", entry.phone()));
    return Outcome.OK;
  }

  static void deleteCodeMessage(Context ctx, int messageId) {
    if (!ctx.chat.isGroup() || messageId == 0) {
      return;
    }
    try {
      ctx.out.delete(ctx.chat.id(), messageId); // false: the bot may not delete here; nothing to do
    } catch (RuntimeException e) {
      log.info(
          "chat {}: could not delete the message holding a code: {}", ctx.chat.id(), e.toString());
    }
  }

  /** A number picked for a code typed while several were pending. */
  static final class PickPress implements Press {
    @Override
    public String run(Context ctx) {
      Env.HeldCode held = ctx.env.takeCode(ctx.pressedToken);
      if (held == null) {
        ctx.toast(ctx.tr("confirm.pickExpired"));
        return Outcome.refused("button expired");
      }
      try {
        String phone = ctx.pressArgs.get(0);
        Optional<PendingCode> entry =
            ctx.deps().pendingCodes().find(ctx.chat.id(), phone, ctx.now());
        ctx.edit(ctx.pressedMessageId, Reply.html(ctx.tr("confirm.checking", phone)));
        if (entry.isEmpty()) {
          ctx.reply(ctx.tr("confirm.noLonger", phone));
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
