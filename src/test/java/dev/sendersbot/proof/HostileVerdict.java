package dev.sendersbot.proof;

import dev.sendersbot.access.Role;
import dev.sendersbot.smsc.sandbox.RecordedRequest;
import dev.sendersbot.telegram.FakeBotApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Judges a hostile run update by update: the provider requests made while each update was handled,
 * and the messages the bot sent for it. Each property collects its violations, described so that
 * one can be replayed by hand.
 */
final class HostileVerdict {
  private static final Set<String> MUTATIONS =
      Set.of("add", "chg", "del", "check_code", "send_code");

  /** The product's rule: an unknown chat gets at most one answer per ten minutes. */
  static final Duration UNKNOWN_CHAT_WINDOW = Duration.ofMinutes(10);

  final Map<String, List<String>> violations = new LinkedHashMap<>();
  final Map<String, Integer> counts = new TreeMap<>();

  private final Map<Long, HostilePlanner.Planned> plans;
  private final Map<Long, int[]> slices;
  private final List<RecordedRequest> requests;
  private final Map<Long, List<RecordingMessenger.Op>> opsByUpdate = new HashMap<>();
  private final List<RecordingMessenger.Op> allOps;
  private final Set<String> secrets;
  private final Set<String> codes;

  /** The bot's clock when each update was handled. */
  private final Map<Long, Instant> handledAt;

  /** Each unknown chat's last answer, as the updates are judged in order. */
  private final Map<Long, Instant> lastUnknownAnswer = new HashMap<>();

  HostileVerdict(
      Map<Long, HostilePlanner.Planned> plans,
      Map<Long, int[]> slices,
      Map<Long, Instant> handledAt,
      List<RecordedRequest> requests,
      List<RecordingMessenger.Op> ops,
      Set<String> secrets,
      Set<String> codes) {
    this.plans = plans;
    this.slices = slices;
    this.handledAt = handledAt;
    this.requests = requests;
    this.allOps = ops;
    this.secrets = secrets;
    this.codes = codes;
    for (RecordingMessenger.Op op : ops) {
      opsByUpdate.computeIfAbsent(op.updateId(), k -> new ArrayList<>()).add(op);
    }
    for (String p :
        List.of(
            "every update handled",
            "no provider request unless allowed and valid",
            "provider requests in the chat's own scope",
            "replies are valid Telegram HTML <= 4096",
            "every command answered",
            "every press answered once",
            "one answer per unknown chat per 10 minutes",
            "no data of another scope",
            "no secret in a reply")) {
      violations.put(p, new ArrayList<>());
    }
  }

  private void fail(String property, HostilePlanner.Planned p, String what) {
    List<String> list = violations.get(property);
    if (list.size() < 15) {
      list.add(
          "update "
              + p.updateId()
              + " ("
              + p.kind()
              + " in "
              + p.chat().key()
              + " by "
              + p.userId()
              + ", text "
              + shorten(p.text())
              + "): "
              + what);
    } else if (list.size() == 15) {
      list.add("…");
    }
  }

  private void count(String what) {
    counts.merge(what, 1, Integer::sum);
  }

  HostileVerdict judge() {
    Map<String, String> scopeOfName = names();
    Map<String, StringBuilder> typedByScope = new HashMap<>();
    for (HostilePlanner.Planned p : plans.values()) {
      String scope = p.chat().scope() == null ? "stranger:" + p.chat().key() : p.chat().scope();
      typedByScope
          .computeIfAbsent(scope, k -> new StringBuilder())
          .append('\n')
          .append(p.text() == null ? "" : p.text().toUpperCase(Locale.ROOT));
      count("updates: " + bucket(p));
      int[] slice = slices.get(p.updateId());
      if (slice == null) {
        fail("every update handled", p, "never reached the chat core");
        continue;
      }
      List<RecordedRequest> made = requests.subList(slice[0], slice[1]);
      provider(p, made);
      List<RecordingMessenger.Op> ops = opsByUpdate.getOrDefault(p.updateId(), List.of());
      replies(p, ops);
      leaks(p, ops, scopeOfName, typedByScope.get(scope).toString());
    }
    for (RecordingMessenger.Op op : allOps) {
      if (op.updateId() == RecordingMessenger.NO_UPDATE && op.html() != null) {
        count("messages sent by the watcher");
      }
    }
    return this;
  }

  private static String bucket(HostilePlanner.Planned p) {
    String k = p.kind();
    if (k.startsWith("button ")) {
      return "genuine button presses";
    }
    if (k.startsWith("edited ")) {
      return "edited commands";
    }
    if (HostilePlanner.LEAST.containsKey(k)) {
      return "commands";
    }
    return k;
  }

  private void provider(HostilePlanner.Planned p, List<RecordedRequest> made) {
    if (!p.mayCallProvider()) {
      if (!made.isEmpty()) {
        fail(
            "no provider request unless allowed and valid",
            p,
            made.size()
                + " request(s): "
                + made.stream()
                    .map(r -> r.operation() + " user=" + r.user() + " sender=" + r.param("sender"))
                    .toList());
      }
    } else {
      count("provider requests made for allowed valid updates", made.size());
      String expected =
          p.userId() == Fixtures.OWNER && p.chat() == Fixtures.OWNER_CHAT ? null : p.chat().sub();
      for (RecordedRequest r : made) {
        if (!Objects.equals(expected, r.user())) {
          fail(
              "provider requests in the chat's own scope",
              p,
              r.operation() + " with user=" + r.user() + ", expected " + expected);
        }
      }
      if (made.size() > 2) {
        fail(
            "provider requests in the chat's own scope",
            p,
            made.size() + " requests for one update (retries?)");
      }
    }
    if (p.isCallback() && !p.mayCallProvider()) {
      Role role = p.userId() == Fixtures.OWNER ? Role.ADMIN : p.chat().role();
      if (role == null || role == Role.VIEWER) {
        count("presses by viewers and strangers");
        long mutations = made.stream().filter(r -> MUTATIONS.contains(r.operation())).count();
        count("provider mutations caused by viewers' and strangers' presses", (int) mutations);
      }
    }
  }

  /**
   * An unknown chat (no grant, not an owner typing) is answered at most once per {@link
   * #UNKNOWN_CHAT_WINDOW}; within the window after an answer its updates are dropped unanswered.
   *
   * @return whether this update was rightly dropped
   */
  private boolean unknownChatWindow(HostilePlanner.Planned p, boolean answered) {
    if (p.chat().role() != null || p.userId() == Fixtures.OWNER) {
      return false;
    }
    Instant at = handledAt.get(p.updateId());
    Instant last = lastUnknownAnswer.get(p.chat().id());
    boolean open = last == null || !at.isBefore(last.plus(UNKNOWN_CHAT_WINDOW));
    if (answered) {
      if (!open) {
        fail(
            "one answer per unknown chat per 10 minutes",
            p,
            "answered "
                + Duration.between(last, at).toSeconds()
                + " s after the chat's previous answer");
      }
      lastUnknownAnswer.put(p.chat().id(), at);
      count("unknown chats' updates answered");
      return false;
    }
    if (!open) {
      count("unknown chats' updates dropped within 10 minutes of an answer");
    }
    return !open;
  }

  private void count(String what, int n) {
    counts.merge(what, n, Integer::sum);
  }

  private void replies(HostilePlanner.Planned p, List<RecordingMessenger.Op> ops) {
    int answers = 0;
    int toChat = 0;
    for (RecordingMessenger.Op op : ops) {
      if (op.method().equals("answer")) {
        answers++;
        if (op.toast() != null && op.toast().length() > 200) {
          fail(
              "replies are valid Telegram HTML <= 4096",
              p,
              "toast of " + op.toast().length() + " characters");
        }
        continue;
      }
      if (op.html() == null) {
        continue;
      }
      count("messages sent or edited");
      if (op.chatId() == p.chat().id() && op.method().equals("send")) {
        toChat++;
      }
      String problem = FakeBotApi.htmlError(op.html());
      String visible = FakeBotApi.visibleText(op.html());
      if (problem == null && visible.isBlank()) {
        problem = "empty text";
      }
      if (problem == null && visible.length() > 4096) {
        problem = visible.length() + " characters";
      }
      if (problem == null && op.failure() != null) {
        problem = "the Bot API refused it: " + op.failure().getMessage();
      }
      if (problem != null) {
        fail(
            "replies are valid Telegram HTML <= 4096",
            p,
            op.method() + " to " + op.chatId() + ": " + problem + " in " + shorten(op.html()));
      }
      for (String s : secrets) {
        if (op.html().contains(s)) {
          fail("no secret in a reply", p, "a credential in " + shorten(op.html()));
        }
      }
      for (String c : codes) {
        if (Pattern.compile("(?<![0-9])" + c + "(?![0-9])").matcher(op.html()).find()
            && (p.text() == null || !p.text().contains(c))) {
          fail("no secret in a reply", p, "confirmation code " + c + " in " + shorten(op.html()));
        }
      }
    }
    boolean dropped = unknownChatWindow(p, toChat > 0 || answers > 0);
    if (p.expectsReply() && toChat == 0 && !dropped) {
      fail("every command answered", p, "no message to the chat");
    }
    if (p.isCallback() && answers != 1 && !(dropped && answers == 0)) {
      fail("every press answered once", p, answers + " answerCallbackQuery calls");
    }
  }

  /**
   * A reply to a chat bound to a sub-client, or to a stranger, names nothing of another scope: no
   * sender name, no chat id, no user, unless the chat's own scope typed it. A chat of the whole
   * account sees the account's names only, outside the audit views made to oversee every chat.
   */
  private void leaks(
      HostilePlanner.Planned p,
      List<RecordingMessenger.Op> ops,
      Map<String, String> scopeOfName,
      String typedUpper) {
    Fixtures.Chat c = p.chat();
    if (c == Fixtures.OWNER_CHAT || p.userId() == Fixtures.OWNER) {
      return;
    }
    boolean account = "".equals(c.scope());
    boolean auditView =
        p.kind().equals("audit") || p.kind().equals("history") || p.kind().equals("chats");
    for (RecordingMessenger.Op op : ops) {
      if (op.html() == null || op.chatId() != c.id()) {
        continue;
      }
      String upper = FakeBotApi.visibleText(op.html()).toUpperCase(Locale.ROOT);
      if (!(account && auditView)) {
        scopeOfName.forEach(
            (name, scope) -> {
              if (!scope.equals(c.scope())
                  && upper.contains(name.toUpperCase(Locale.ROOT))
                  && !typedUpper.contains(name.toUpperCase(Locale.ROOT))) {
                fail(
                    "no data of another scope",
                    p,
                    "name " + name + " of scope '" + scope + "' in " + shorten(op.html()));
              }
            });
      }
      if (account) {
        continue;
      }
      for (Fixtures.Chat other : Fixtures.ALL) {
        if (other == Fixtures.OWNER_CHAT
            || Objects.equals(other.scope(), c.scope()) && other.role() != null) {
          continue;
        }
        if (other == c) {
          continue;
        }
        List<Long> ids = new ArrayList<>(other.users());
        ids.add(Math.abs(other.id()));
        for (long id : ids) {
          String s = Long.toString(id);
          if (Pattern.compile("(?<![0-9])" + s + "(?![0-9])").matcher(upper).find()
              && !typedUpper.contains(s)) {
            fail(
                "no data of another scope",
                p,
                "id " + s + " of " + other.key() + " in " + shorten(op.html()));
          }
        }
      }
    }
  }

  /** Every name the provider held during the run, with its scope: seeded, then added. */
  private Map<String, String> names() {
    Map<String, String> m = new HashMap<>();
    Fixtures.SEEDED.forEach((scope, names) -> names.forEach(n -> m.put(n, scope)));
    for (RecordedRequest r : requests) {
      if ("add".equals(r.operation()) && r.ok() && r.param("sender") != null) {
        m.put(r.param("sender"), r.user() == null ? "" : r.user());
      }
    }
    // Names shorter than six characters could turn up inside any text: not distinctive.
    m.keySet().removeIf(n -> n.length() < 6);
    return m;
  }

  List<String> failures() {
    List<String> out = new ArrayList<>();
    violations.forEach(
        (property, list) -> {
          if (!list.isEmpty()) {
            out.add(property + ":\n  " + String.join("\n  ", list));
          }
        });
    return out;
  }

  static String shorten(String s) {
    if (s == null) {
      return "(none)";
    }
    String t = s.length() > 160 ? s.substring(0, 160) + "…(" + s.length() + ")" : s;
    return "«" + t.replace("\n", "⏎") + "»";
  }
}
