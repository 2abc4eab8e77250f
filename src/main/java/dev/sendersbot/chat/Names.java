package dev.sendersbot.chat;

import dev.sendersbot.gateway.Answer;
import dev.sendersbot.smsc.Sender;
import dev.sendersbot.smsc.SenderNames;
import java.util.List;
import java.util.Optional;

/** Reading sender-name arguments, and finding a name in the chat's list. */
final class Names {
  private Names() {}

  /** The checked name at {@code index}, or a clear error (the core adds the syntax). */
  static String required(Context ctx, int index) {
    String raw = ctx.arg(index);
    if (raw == null || raw.isBlank()) {
      throw new BadInput("bad.nameMissing");
    }
    // /add checks its name once more as a new one, where an e-mail is refused (mail=1 is not
    // offered); every other command addresses a name the list may hold, e-mail senders included.
    return SenderNames.checkExisting(raw);
  }

  /** The checked name when it is the only argument: no sender name has a space. */
  static String only(Context ctx) {
    String name = required(ctx, 0);
    if (ctx.args().size() > 1) {
      throw new BadInput("bad.oneName", ctx.line.rest(0));
    }
    return name;
  }

  /** The first argument as the audit's subject, if there is one. */
  static String first(Context ctx) {
    return subject(ctx.arg(0));
  }

  /**
   * A name as {@code /history} will look it up: checked and normalised (a phone without '+', spaces
   * or dashes); null when it is no valid sender name, so the audit never keeps one.
   */
  static String subject(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return raw.strip().matches("[+0-9 ()\\-]+")
          ? SenderNames.checkPhone(raw)
          : SenderNames.checkExisting(raw);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The name in the list the chat may see (its sub-client's), case-insensitive. */
  static Optional<Sender> find(Answer<List<Sender>> list, String name) {
    return list.value().stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
  }
}
