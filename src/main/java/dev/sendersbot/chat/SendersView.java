package dev.sendersbot.chat;

import dev.sendersbot.access.Role;
import dev.sendersbot.gateway.Answer;
import dev.sendersbot.gateway.Caller;
import dev.sendersbot.gateway.Holdback;
import dev.sendersbot.i18n.Markup;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.message.Button;
import dev.sendersbot.message.Reply;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.ModerationStatus;
import dev.sendersbot.smsc.Sender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The paged list of {@code /senders}, and its ◀ ▶ 🔄 buttons. A page holds as many lines as fit
 * well under one message, so the list can be edited in place when a button is pressed.
 */
final class SendersView {
  static final String PAGE = "page";
  static final String REFRESH = "refresh";

  /** Raw characters of lines per page, leaving room for the header and footer under 4096. */
  static final int PAGE_BUDGET = 3500;

  static final Duration BUTTON_TTL = Duration.ofDays(1);

  /** The process's renderings of the lists in use (the chat core is one per process). */
  private static final ListPages RENDERED = new ListPages();

  private SendersView() {}

  /**
   * The list always asks for every name with its operators, as many as one request may return: the
   * very question of the watcher's full poll (cnt included, else the gateway keeps them as two
   * questions), so both share one cached answer; names not yet activated are filtered here.
   */
  static ListQuery query(Context ctx) {
    return ListQuery.full(ctx.sub()).withCnt(ListQuery.MAX_CNT);
  }

  /**
   * The chat's list as the gateway keeps it fresh, without asking the provider; empty when none is
   * kept, which a check that merely helps the user is not worth a request for.
   */
  static Optional<Answer<List<Sender>>> fresh(Context ctx) {
    return ctx.deps().gateway().cached(query(ctx));
  }

  static Reply render(
      Context ctx, boolean all, String filter, int page, Answer<List<Sender>> answer) {
    String prefix = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
    Texts t = ctx.t;
    ListPages.Shown rendered =
        RENDERED.get(answer.value(), all, prefix, t, list -> shown(t, list, all, prefix));
    List<Sender> shown = rendered.shown();
    String kind = all ? "All" : "Active";
    StringBuilder head =
        new StringBuilder(
            prefix.isEmpty()
                ? t.t("senders.head" + kind, shown.size())
                : t.t("senders.head" + kind + "Filtered", shown.size(), filter.strip()));
    Duration age = answer.age(ctx.now());
    if (age.getSeconds() >= 1) {
      head.append('\n')
          .append(
              t.t(
                  "senders.asOf",
                  new Markup(t.duration(age)),
                  new Markup(answer.stale() ? staleNote(t, answer.holdback()) : "")));
    }
    List<String> lines = rendered.lines();
    List<List<Integer>> pages = rendered.pages();
    int p = Math.max(0, Math.min(page, pages.size() - 1));
    StringBuilder b = new StringBuilder(head).append('\n');
    if (shown.isEmpty()) {
      b.append('\n')
          .append(
              prefix.isEmpty()
                  ? t.t(all ? "senders.noneAll" : "senders.noneActive")
                  : t.t(all ? "senders.noneMatchAll" : "senders.noneMatchActive", filter.strip()));
    } else {
      for (int i : pages.get(p)) {
        b.append('\n').append(lines.get(i));
      }
      if (pages.size() > 1) {
        b.append("\n\n").append(t.t("senders.page", p + 1, pages.size()));
      }
    }
    String f = prefix.isEmpty() ? "" : filter.strip();
    String a = all ? "all" : "";
    List<Button> row = new ArrayList<>();
    if (p > 0) {
      row.add(ctx.button("◀", 0, PAGE, BUTTON_TTL, a, f, Integer.toString(p - 1)));
    }
    row.add(ctx.button("🔄", 0, REFRESH, BUTTON_TTL, a, f, Integer.toString(p)));
    if (p < pages.size() - 1) {
      row.add(ctx.button("▶", 0, PAGE, BUTTON_TTL, a, f, Integer.toString(p + 1)));
    }
    return Reply.html(b.toString()).withKeyboard(List.of(row));
  }

  private static ListPages.Shown shown(Texts t, List<Sender> list, boolean all, String prefix) {
    List<Sender> shown =
        list.stream()
            .filter(
                s ->
                    all
                        || s.moderation() == null
                        || s.moderation() == ModerationStatus.ALLOWED.code())
            .filter(s -> s.name().toLowerCase(Locale.ROOT).startsWith(prefix))
            .sorted(
                Comparator.comparing((Sender s) -> s.name().toLowerCase(Locale.ROOT))
                    .thenComparing(Sender::id))
            .toList();
    List<String> lines = shown.stream().map(s -> Views.line(t, s)).toList();
    return new ListPages.Shown(shown, lines, pages(lines));
  }

  private static String staleNote(Texts t, Holdback why) {
    if (why != null && why.cause() == Holdback.Cause.UPDATED_RECENTLY) {
      return ""; // as new as a refresh could make it: the age says all
    }
    if (why != null
        && why.cause() == Holdback.Cause.CHAT_REFRESHED_RECENTLY
        && why.retryAfter() != null) {
      return t.t("senders.staleRetry", new Markup(seconds(t, why.retryAfter())));
    }
    return t.t("senders.staleNoRefresh");
  }

  /** A wait in words, rounded up to whole seconds so that it is never too short. */
  private static String seconds(Texts t, Duration d) {
    long s = (d.toMillis() + 999) / 1000;
    return t.duration(Duration.ofSeconds(Math.max(1, s)));
  }

  /** The toast of a 🔄 press that got the cached list: how old it is, and why. */
  static String heldBackToast(Texts t, Answer<?> answer, Duration age) {
    Holdback why = answer.holdback();
    Markup shown = t.m("senders.toast.shown", new Markup(t.duration(age)));
    if (why == null || why.cause() == Holdback.Cause.PROVIDER) {
      return t.t("senders.toast.provider", shown);
    }
    Markup retry = why.retryAfter() == null ? null : new Markup(seconds(t, why.retryAfter()));
    if (why.cause() == Holdback.Cause.UPDATED_RECENTLY) {
      return t.t("senders.toast.updated", new Markup(t.duration(age)), shown);
    }
    if (why.cause() == Holdback.Cause.CHAT_REFRESHED_RECENTLY) {
      return retry == null
          ? t.t("senders.toast.chat", shown)
          : t.t("senders.toast.chatRetry", shown, retry);
    }
    return retry == null
        ? t.t("senders.toast.budget", shown)
        : t.t("senders.toast.budgetRetry", shown, retry);
  }

  /** Index lists, one per page; at least one (possibly empty) page. */
  private static List<List<Integer>> pages(List<String> lines) {
    List<List<Integer>> pages = new ArrayList<>();
    List<Integer> cur = new ArrayList<>();
    int size = 0;
    for (int i = 0; i < lines.size(); i++) {
      int len = lines.get(i).length() + 1;
      if (!cur.isEmpty() && size + len > PAGE_BUDGET) {
        pages.add(cur);
        cur = new ArrayList<>();
        size = 0;
      }
      cur.add(i);
      size += len;
    }
    pages.add(cur);
    return pages;
  }

  /** ◀ and ▶: the same list, another page, in place. */
  static final class PagePress implements Press {
    @Override
    public String run(Context ctx) {
      List<String> a = ctx.pressArgs;
      Answer<List<Sender>> answer = ctx.deps().gateway().list(query(ctx));
      ctx.edit(
          ctx.pressedMessageId, render(ctx, "all".equals(a.get(0)), a.get(1), page(a), answer));
      return Outcome.OK;
    }
  }

  /**
   * 🔄: asks the provider again if the list is more than a few seconds old, the chats' share of the
   * budget allows and this chat has not refreshed a moment ago; otherwise shows the cached list,
   * saying how old it is and why.
   */
  static final class RefreshPress implements Press {
    @Override
    public String run(Context ctx) {
      List<String> a = ctx.pressArgs;
      Answer<List<Sender>> answer =
          ctx.deps().gateway().refresh(query(ctx), Caller.chat(ctx.chat.id()));
      ctx.edit(
          ctx.pressedMessageId, render(ctx, "all".equals(a.get(0)), a.get(1), page(a), answer));
      ctx.toast(
          answer.stale()
              ? heldBackToast(ctx.t, answer, answer.age(ctx.now()))
              : ctx.tr("senders.refreshed"));
      return Outcome.OK;
    }
  }

  private static int page(List<String> a) {
    try {
      return a.size() > 2 ? Integer.parseInt(a.get(2)) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static Press.Spec pageSpec() {
    return new Press.Spec(PAGE, "senders", Role.VIEWER, false, false, new PagePress());
  }

  static Press.Spec refreshSpec() {
    return new Press.Spec(REFRESH, "senders", Role.VIEWER, false, false, new RefreshPress());
  }
}
