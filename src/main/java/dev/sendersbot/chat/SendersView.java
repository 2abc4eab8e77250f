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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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
    return whole(query(ctx), ctx.deps().gateway()::cached, ctx.deps().gateway()::cached);
  }

  /** The chat's whole list, every page of it, from the cache while fresh. */
  static Answer<List<Sender>> list(Context ctx) {
    Function<ListQuery, Optional<Answer<List<Sender>>>> ask =
        q -> Optional.of(ctx.deps().gateway().list(q));
    return whole(query(ctx), ask, ask).orElseThrow();
  }

  /**
   * As {@link #list}, its first page asked anew as this chat's refresh. The further pages come as
   * {@link #list} gives them: a refresh of each would meet this chat's own refresh spacing.
   */
  static Answer<List<Sender>> refresh(Context ctx) {
    return whole(
            query(ctx),
            q -> Optional.of(ctx.deps().gateway().refresh(q, Caller.chat(ctx.chat.id()))),
            q -> Optional.of(ctx.deps().gateway().list(q)))
        .orElseThrow();
  }

  /**
   * The first page and, while a page is full, the one before its oldest name ({@code prev_id}), as
   * the watcher's full poll reads them: one request returns at most {@link ListQuery#MAX_CNT}
   * names, and without the further pages an account's older names were missing from the list, the
   * card and the checks. Empty when a page is not to be had. One answer as it came; more, joined,
   * as old as the oldest and stale when any is.
   */
  private static Optional<Answer<List<Sender>>> whole(
      ListQuery first,
      Function<ListQuery, Optional<Answer<List<Sender>>>> firstPage,
      Function<ListQuery, Optional<Answer<List<Sender>>>> furtherPage) {
    Optional<Answer<List<Sender>>> head = firstPage.apply(first);
    if (head.isEmpty() || head.get().value().size() < ListQuery.MAX_CNT) {
      return head;
    }
    List<Answer<List<Sender>>> pages = new ArrayList<>(List.of(head.get()));
    ListQuery q = first;
    for (Answer<List<Sender>> last = head.get(); last.value().size() >= ListQuery.MAX_CNT; ) {
      long oldest = last.value().stream().mapToLong(Sender::id).min().orElse(0);
      if (oldest <= 1 || (q.prevId() != null && oldest >= q.prevId())) {
        break; // no further page can exist, or paging makes no progress
      }
      q = q.withPrevId(oldest);
      Optional<Answer<List<Sender>>> next = furtherPage.apply(q);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      last = next.get();
      pages.add(last);
    }
    return Optional.of(JOINED.join(pages));
  }

  /** The last join of pages, so that the same pages give the same list object to render. */
  private static final Joined JOINED = new Joined();

  private static final class Joined {
    private List<List<Sender>> parts = List.of();
    private List<Sender> joined = List.of();

    synchronized Answer<List<Sender>> join(List<Answer<List<Sender>>> pages) {
      List<List<Sender>> values = pages.stream().map(Answer::value).toList();
      boolean same = values.size() == parts.size();
      for (int i = 0; same && i < values.size(); i++) {
        same = values.get(i) == parts.get(i);
      }
      if (!same) {
        Set<Long> seen = new HashSet<>();
        List<Sender> all = new ArrayList<>();
        for (List<Sender> v : values) {
          for (Sender s : v) {
            if (seen.add(s.id())) {
              all.add(s);
            }
          }
        }
        parts = values;
        joined = List.copyOf(all);
      }
      Answer<List<Sender>> oldest = pages.get(0);
      Holdback why = null;
      boolean stale = false;
      for (Answer<List<Sender>> a : pages) {
        if (a.fetchedAt().isBefore(oldest.fetchedAt())) {
          oldest = a;
        }
        if (a.stale()) {
          why = stale ? why : a.holdback();
          stale = true;
        }
      }
      return new Answer<>(joined, oldest.fetchedAt(), stale, why);
    }
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
      Answer<List<Sender>> answer = list(ctx);
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
      Answer<List<Sender>> answer = refresh(ctx);
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
