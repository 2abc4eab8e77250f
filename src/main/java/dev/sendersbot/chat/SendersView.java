package dev.sendersbot.chat;

import static dev.sendersbot.message.Html.escape;

import dev.sendersbot.access.Role;
import dev.sendersbot.gateway.Answer;
import dev.sendersbot.gateway.Caller;
import dev.sendersbot.gateway.Holdback;
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

  static Reply render(
      Context ctx, boolean all, String filter, int page, Answer<List<Sender>> answer) {
    String prefix = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
    ListPages.Shown rendered =
        RENDERED.get(answer.value(), all, prefix, list -> shown(list, all, prefix));
    List<Sender> shown = rendered.shown();
    StringBuilder head = new StringBuilder("<b>Sender names</b>");
    head.append(all ? " (all)" : " (activated)");
    if (!prefix.isEmpty()) {
      head.append(" starting with “").append(escape(filter.strip())).append('”');
    }
    head.append(": ").append(shown.size());
    Duration age = answer.age(ctx.now());
    if (age.getSeconds() >= 1) {
      head.append("\n<i>as of ")
          .append(Views.duration(age))
          .append(" ago")
          .append(answer.stale() ? staleNote(answer.holdback()) : "")
          .append("</i>");
    }
    List<String> lines = rendered.lines();
    List<List<Integer>> pages = rendered.pages();
    int p = Math.max(0, Math.min(page, pages.size() - 1));
    StringBuilder b = new StringBuilder(head).append('\n');
    if (shown.isEmpty()) {
      b.append(all ? "\nNo names." : "\nNo activated names. /senders all shows the others too.");
    } else {
      for (int i : pages.get(p)) {
        b.append('\n').append(lines.get(i));
      }
      if (pages.size() > 1) {
        b.append("\n\nPage ").append(p + 1).append(" of ").append(pages.size());
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

  private static ListPages.Shown shown(List<Sender> list, boolean all, String prefix) {
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
    List<String> lines = shown.stream().map(Views::line).toList();
    return new ListPages.Shown(shown, lines, pages(lines));
  }

  private static String staleNote(Holdback why) {
    if (why != null && why.cause() == Holdback.Cause.UPDATED_RECENTLY) {
      return ""; // as new as a refresh could make it: the age says all
    }
    if (why != null
        && why.cause() == Holdback.Cause.CHAT_REFRESHED_RECENTLY
        && why.retryAfter() != null) {
      return ", 🔄 again in " + seconds(why.retryAfter());
    }
    return ", could not refresh now";
  }

  /** A wait in words, rounded up to whole seconds so that it is never too short. */
  private static String seconds(Duration d) {
    long s = (d.toMillis() + 999) / 1000;
    return Views.duration(Duration.ofSeconds(Math.max(1, s)));
  }

  /** The toast of a 🔄 press that got the cached list: how old it is, and why. */
  static String heldBackToast(Answer<?> answer, Duration age) {
    Holdback why = answer.holdback();
    String shown = "showing the list as of " + Views.duration(age) + " ago";
    if (why == null || why.cause() == Holdback.Cause.PROVIDER) {
      return "Could not refresh now; " + shown;
    }
    String retry = why.retryAfter() == null ? "" : seconds(why.retryAfter());
    if (why.cause() == Holdback.Cause.UPDATED_RECENTLY) {
      return "The list was updated " + Views.duration(age) + " ago; " + shown + ".";
    }
    if (why.cause() == Holdback.Cause.CHAT_REFRESHED_RECENTLY) {
      return "This chat refreshed the list recently; "
          + shown
          + "."
          + (retry.isEmpty() ? "" : " 🔄 asks SMSC again in " + retry + ".");
    }
    return "SMSC allows only a few identical lists a minute, and the bot keeps the status"
        + " watcher's share; "
        + shown
        + "."
        + (retry.isEmpty() ? "" : " Try again in " + retry + ".");
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
      ctx.toast(answer.stale() ? heldBackToast(answer, answer.age(ctx.now())) : "Refreshed");
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
