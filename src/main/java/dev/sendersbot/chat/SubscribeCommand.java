package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

import dev.sendersbot.i18n.Lang;
import dev.sendersbot.i18n.Markup;
import dev.sendersbot.smsc.SenderNames;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code /subscribe [NAME…]}: status-change notifications for this chat (and topic). */
final class SubscribeCommand implements Command {
  /**
   * The most names one chat follows (or mutes) by name. Every poll with a change reads every chat's
   * subscriptions, and a lower role's chat must not make that cost grow without end; a bare {@code
   * /subscribe} follows every name in one row.
   */
  static final int MAX_NAMES = 1_000;

  @Override
  public String run(Context ctx) {
    Set<String> names = names(ctx.args());
    if (!names.isEmpty()) {
      capped(
          ctx.deps().subscriptions().forChat(ctx.chat.id()).stream()
              .map(s -> s.name())
              .filter(n -> n != null)
              .toList(),
          names,
          "bad.tooManySubscriptions");
    }
    ctx.deps().subscriptions().subscribe(ctx.chat.id(), ctx.chat.topicId(), names);
    // Notifications nobody asks for at that moment speak the subscriber's language.
    ctx.deps()
        .settings()
        .subscriberLanguage(ctx.chat.id(), Lang.ofTelegram(ctx.user.languageCode()));
    StringBuilder reply =
        new StringBuilder(
            names.isEmpty()
                ? ctx.tr("subscribe.all")
                : ctx.tr("subscribe.some", new Markup(list(names))));
    unknown(ctx, names)
        .ifPresent(u -> reply.append('\n').append(ctx.tr("subscribe.unknown", new Markup(u))));
    ctx.reply(reply.toString());
    return Outcome.OK;
  }

  /**
   * The names the chat's fresh list does not have (a typo, or a name not added yet: kept all the
   * same), as HTML; empty when all are there or no fresh list is kept.
   */
  private static Optional<String> unknown(Context ctx, Set<String> names) {
    if (names.isEmpty()) {
      return Optional.empty();
    }
    return SendersView.fresh(ctx)
        .map(
            list -> {
              Set<String> missing = new LinkedHashSet<>();
              for (String n : names) {
                if (Names.find(list, n).isEmpty()) {
                  missing.add(n);
                }
              }
              return missing;
            })
        .filter(missing -> !missing.isEmpty())
        .map(SubscribeCommand::list);
  }

  @Override
  public String subject(Context ctx) {
    return ctx.args().size() == 1 ? Names.first(ctx) : null;
  }

  /**
   * Refuses, with {@code key}, names that would take a chat past {@link #MAX_NAMES} with those it
   * {@code has}; names are counted as the provider counts them, whatever their case.
   */
  static void capped(List<String> has, Set<String> adding, String key) {
    Set<String> after = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    after.addAll(has);
    after.addAll(adding);
    if (after.size() > MAX_NAMES) {
      throw new BadInput(key, MAX_NAMES);
    }
  }

  static Set<String> names(List<String> args) {
    Set<String> names = new LinkedHashSet<>();
    for (String a : args) {
      for (String n : a.split(",")) {
        if (!n.isBlank()) {
          names.add(SenderNames.check(n));
        }
      }
    }
    return names;
  }

  static String list(Set<String> names) {
    StringBuilder b = new StringBuilder();
    for (String n : names) {
      b.append(b.length() == 0 ? "" : ", ").append("<code>").append(escape(n)).append("</code>");
    }
    return b.toString();
  }
}
