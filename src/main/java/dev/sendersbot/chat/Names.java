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
      throw new IllegalArgumentException("the sender name is missing");
    }
    return SenderNames.check(raw);
  }

  /** The first argument as the audit's subject, if there is one. */
  static String first(Context ctx) {
    String a = ctx.arg(0);
    return a == null || a.isBlank() ? null : a.strip();
  }

  /** The name in the list the chat may see (its sub-client's), case-insensitive. */
  static Optional<Sender> find(Answer<List<Sender>> list, String name) {
    return list.value().stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
  }
}
