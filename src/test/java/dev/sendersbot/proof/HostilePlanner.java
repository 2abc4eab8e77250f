package dev.sendersbot.proof;

import dev.sendersbot.access.Role;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.telegram.FakeBotApi.Msg;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates hostile updates for the fixture chats, enqueues each on the fake Bot API, and says for
 * each what the bot may do about it: whether a provider request is allowed at all (only a valid
 * command, or a genuine button, from a chat whose role allows it) and whether the chat must hear
 * back. The rules come from the product contract (design §1 and the provider reference), not from
 * the bot's code.
 */
final class HostilePlanner {

  /** One enqueued update and what is expected of the bot. */
  record Planned(
      long updateId,
      String kind,
      Fixtures.Chat chat,
      long userId,
      String text,
      boolean mayCallProvider,
      boolean expectsReply,
      boolean isCallback) {}

  /** A button the bot sent, as harvested from the fake Bot API. */
  record Harvested(long chatId, int messageId, String data, String text, long issuedTo) {}

  /** Least role per command, from the design's command table; null: anyone. */
  static final Map<String, Role> LEAST;

  /** Commands that may reach the provider when valid and allowed. */
  static final Set<String> PROVIDER =
      Set.of("senders", "sender", "add", "register", "chg", "doc", "sendcode", "confirm");

  static {
    Map<String, Role> m = new LinkedHashMap<>();
    m.put("start", null);
    m.put("help", null);
    m.put("id", null);
    for (String c :
        List.of(
            "senders",
            "sender",
            "subscribe",
            "unsubscribe",
            "subscriptions",
            "history",
            "status")) {
      m.put(c, Role.VIEWER);
    }
    for (String c : List.of("add", "register", "chg", "doc", "sendcode", "confirm")) {
      m.put(c, Role.OPERATOR);
    }
    for (String c : List.of("del", "allow", "revoke", "chats", "audit")) {
      m.put(c, Role.ADMIN);
    }
    LEAST = java.util.Collections.unmodifiableMap(m);
  }

  private static final List<String> OPERATORS =
      List.of("mts", "mega", "bee", "motiv", "tele2", "tele2free");
  private static final List<String> BAD_OPERATORS =
      List.of("xyz", "<b>", "ua", "mts<", "😀", "MTSS", "0");

  /** Chat ids no fixture uses: /allow and /revoke from chats that may use them aim here. */
  private static final long SCRATCH = 739_000_000L;

  private final Hostile h;
  private final FakeBotApi api;
  private final List<Fixtures.Chat> chats;
  private final List<Harvested> buttons = new ArrayList<>();
  private final Map<Long, Planned> plans = new LinkedHashMap<>();

  HostilePlanner(long seed, FakeBotApi api, List<Fixtures.Chat> chats) {
    this.h = new Hostile(seed);
    this.api = api;
    this.chats = List.copyOf(chats);
  }

  Map<Long, Planned> plans() {
    return plans;
  }

  Planned plan(long updateId) {
    return plans.get(updateId);
  }

  int harvested() {
    return buttons.size();
  }

  /**
   * Learns the buttons the bot has sent so far, with who caused each message (the sender of the
   * update that was being handled, from {@code causedBy}: message id to user id).
   */
  void harvest(Map<String, Long> causedBy) {
    buttons.clear();
    for (FakeBotApi.Sent s : api.sent()) {
      List<List<String>> data = s.buttonData();
      List<List<String>> texts = s.buttonTexts();
      for (int r = 0; r < data.size(); r++) {
        for (int c = 0; c < data.get(r).size(); c++) {
          Long by = causedBy.get(s.chatId() + ":" + s.messageId());
          buttons.add(
              new Harvested(
                  s.chatId(),
                  s.messageId(),
                  data.get(r).get(c),
                  texts.get(r).get(c),
                  by == null ? 0 : by));
        }
      }
    }
  }

  /**
   * An update not yet enqueued: what it is, what is expected, and how to enqueue it.
   *
   * @param enqueue puts it on the fake Bot API and returns its update_id
   */
  private record Draft(
      String kind,
      Fixtures.Chat chat,
      long userId,
      String text,
      boolean may,
      boolean reply,
      boolean callback,
      java.util.function.LongSupplier enqueue) {}

  /** Enqueues one random hostile update. */
  Planned next() {
    return commit(draft());
  }

  /** Enqueues one random update that must not reach the provider (a denied or invalid one). */
  Planned nextHarmless() {
    while (true) {
      Draft d = draft();
      if (!d.may()) {
        return commit(d);
      }
    }
  }

  private Draft draft() {
    int r = h.nextInt(100);
    if (r < 48) {
      return command(h.pick(chats), false);
    }
    if (r < 58) {
      return plain(h.pick(chats));
    }
    if (r < 65) {
      return nonText(h.pick(chats));
    }
    if (r < 71) {
      return command(h.pick(chats), true);
    }
    if (r < 92) {
      return callback();
    }
    return odd(h.pick(chats));
  }

  private Planned commit(Draft d) {
    long id = d.enqueue().getAsLong();
    Planned p =
        new Planned(id, d.kind(), d.chat(), d.userId(), d.text(), d.may(), d.reply(), d.callback());
    plans.put(id, p);
    return p;
  }

  // ---------------------------------------------------------------- kinds of update

  private long user(Fixtures.Chat c) {
    return h.pick(c.users());
  }

  private Msg msg(Fixtures.Chat c, long user, String text) {
    Msg m = text == null ? Msg.noText(c.id(), user) : Msg.text(c.id(), user, text);
    m.from(Fixtures.username(user), "U" + user).chat(c.type(), c.key());
    if (c.topic() != null) {
      m.topic(c.topic());
    }
    return m;
  }

  private Draft command(Fixtures.Chat c, boolean edited) {
    long user = user(c);
    String name = h.pick(new ArrayList<>(LEAST.keySet()));
    Args a = args(name, c, user);
    String head = "/" + name;
    int style = h.nextInt(10);
    boolean forOtherBot = false;
    if (style == 0) {
      head += "@" + FakeBotApi.BOT_USERNAME;
    } else if (style == 1) {
      head += "@other_bot";
      forOtherBot = true;
    }
    String text = a.text.isEmpty() ? head : head + " " + a.text;
    boolean allowed = allowed(c, user, LEAST.get(name));
    boolean may = !edited && !forOtherBot && allowed && PROVIDER.contains(name) && a.valid;
    boolean reply = !edited && !forOtherBot && !name.equals("confirm");
    Msg m = msg(c, user, text);
    return new Draft(
        edited ? "edited " + name : name,
        c,
        user,
        text,
        may,
        reply,
        false,
        () -> edited ? api.enqueueEdited(m) : api.enqueue(m));
  }

  /** A command's arguments and whether the provider reference would accept them. */
  private record Args(String text, boolean valid) {}

  private Args args(String command, Fixtures.Chat c, long user) {
    String scope = c.scope() == null ? "" : c.scope();
    return switch (command) {
      case "senders" -> new Args(h.pick(List.of("", "all", "all QA", "Q", "q", h.text())), true);
      case "sender", "history", "del", "subscribe", "unsubscribe" -> {
        String n = someName(scope);
        yield new Args(n, Hostile.validName(n));
      }
      case "add" -> {
        String n = h.chance(0.6) ? h.newName(scope) : h.chance(0.5) ? h.invalidName() : "";
        String comment = h.chance(0.5) ? "" : h.text();
        yield named(n, comment, Hostile.validName(n));
      }
      case "chg" -> {
        String n = someName(scope);
        String comment = h.chance(0.15) ? "" : h.text();
        boolean hasComment = comment.codePoints().anyMatch(ch -> !Character.isWhitespace(ch));
        yield named(n, comment, Hostile.validName(n) && hasComment);
      }
      case "register" -> {
        String n = someName(scope);
        List<String> ops = new ArrayList<>();
        boolean allKnown = true;
        int k = h.nextInt(3);
        for (int i = 0; i < k; i++) {
          if (h.chance(0.7)) {
            ops.add(h.pick(OPERATORS));
          } else {
            ops.add(h.pick(BAD_OPERATORS));
            allKnown = false;
          }
        }
        yield named(
            n,
            String.join(h.chance(0.3) ? "," : " ", ops),
            Hostile.validName(n) && !ops.isEmpty() && allKnown);
      }
      case "doc" -> named(someName(scope), h.chance(0.5) ? "" : h.text(), false);
      case "sendcode" -> {
        int k = h.nextInt(6);
        String p =
            k < 3
                ? h.phone()
                : k == 3 ? h.invalidName() : k == 4 ? "" : h.phone() + " " + h.phone();
        yield new Args(p, k < 3);
      }
      case "confirm" -> {
        int k = h.nextInt(5);
        String code = String.valueOf(100_000 + h.nextInt(900_000));
        String t = k == 0 ? code : k == 1 ? h.phone() + " " + code : k == 2 ? "" : h.token();
        yield new Args(t, t.chars().anyMatch(Character::isDigit));
      }
      case "allow" -> {
        String target = target(c, user);
        String role = h.pick(List.of("viewer", "operator", "admin", "root", "<b>", ""));
        String sub = h.pick(List.of("", "", Fixtures.ALPHA, Fixtures.BETA, "gamma", "<i>"));
        yield new Args(join(join(target, role), sub), false);
      }
      case "revoke" -> new Args(target(c, user), false);
      case "audit" -> new Args(h.pick(List.of("", "5", "100", "1000", "-1", "abc", "1 2")), false);
      case "start" -> new Args(h.pick(List.of("", "payload", h.token(), "x".repeat(64))), false);
      default -> new Args(h.chance(0.8) ? "" : h.text(), false);
    };
  }

  /** A target for /allow or /revoke: never a fixture chat when the sender may change grants. */
  private String target(Fixtures.Chat c, long user) {
    boolean mayGrant = allowed(c, user, Role.ADMIN);
    int k = h.nextInt(6);
    if (k == 0) {
      return h.token();
    }
    if (k == 1 && !mayGrant) {
      return Long.toString(h.pick(Fixtures.ALL).id());
    }
    return Long.toString(SCRATCH + h.nextInt(1000) * (h.chance(0.5) ? 1 : -1));
  }

  /** A name argument: the chat's own, another scope's (a probe), new, invalid or missing. */
  private String someName(String scope) {
    int k = h.nextInt(10);
    if (k < 4) {
      return h.pick(Fixtures.SEEDED.get(scope));
    }
    if (k < 6) {
      String other = h.pick(List.of("", Fixtures.ALPHA, Fixtures.BETA));
      return h.pick(Fixtures.SEEDED.get(other));
    }
    if (k < 7) {
      return h.newName(scope);
    }
    if (k < 9) {
      return h.invalidName();
    }
    return "";
  }

  /**
   * A name and what follows it. Without a name nothing follows: the first word of the rest would
   * become the name, and whether that is valid depends on how the bot splits words.
   */
  private static Args named(String name, String rest, boolean valid) {
    return name.isEmpty() ? new Args("", false) : new Args(join(name, rest), valid);
  }

  private static String join(String a, String b) {
    return b.isEmpty() ? a : a.isEmpty() ? b : a + " " + b;
  }

  private Draft plain(Fixtures.Chat c) {
    long user = user(c);
    String t = h.chance(0.15) ? String.valueOf(1000 + h.nextInt(99_000_000)) : h.text();
    // Text that starts with a command is a command: plain text here stays plain.
    String text = t.strip().startsWith("/") ? "x" + t : t;
    Msg m = msg(c, user, text);
    if (h.chance(0.2) && !buttons.isEmpty()) {
      Harvested b = h.pick(buttons);
      m.replyTo(b.messageId(), true, null);
    }
    String s = text.strip();
    // A bare code, or one typed as an answer to the bot's prompt, may be checked by an operator.
    boolean may = s.matches("[0-9][0-9 \\-]{2,14}") && allowed(c, user, Role.OPERATOR);
    boolean reply = !c.isGroup() && !s.isEmpty();
    return new Draft("text", c, user, text, may, reply, false, () -> api.enqueue(m));
  }

  private Draft nonText(Fixtures.Chat c) {
    long user = user(c);
    int k = h.nextInt(4);
    if (k == 0) {
      Msg m = msg(c, user, null).sticker();
      return new Draft("sticker", c, user, null, false, false, false, () -> api.enqueue(m));
    }
    if (k == 1) {
      String caption =
          h.chance(0.5) ? h.text() : "/add " + h.newName(c.scope() == null ? "" : c.scope());
      Msg m = msg(c, user, caption).photo("photo-" + h.nextInt(1 << 20), 1000);
      return new Draft("photo", c, user, caption, false, false, false, () -> api.enqueue(m));
    }
    if (k == 2) {
      // A /doc caption on a document: the one caption the bot takes as a command.
      String name = someName(c.scope() == null ? "" : c.scope());
      String caption = "/doc " + name;
      String file = h.pick(List.of("scan.pdf", "logo.png", "virus.exe", "a<b>.pdf", "😀.zip"));
      byte[] content = ("%PDF-1.4 " + h.text()).getBytes(StandardCharsets.UTF_8);
      boolean may = allowed(c, user, Role.OPERATOR) && Hostile.validName(name);
      return new Draft(
          "document",
          c,
          user,
          caption,
          may,
          false,
          false,
          () ->
              api.enqueueDocument(
                  c.id(), user, caption, file, "application/octet-stream", content));
    }
    Msg m = msg(c, user, null);
    return new Draft("empty message", c, user, null, false, false, false, () -> api.enqueue(m));
  }

  private Draft callback() {
    int k = h.nextInt(10);
    Fixtures.Chat c = h.pick(chats);
    long user = user(c);
    if (k < 4 || buttons.isEmpty()) {
      // Forged data: random, too long, empty, or shaped like a token.
      String data =
          switch (h.nextInt(5)) {
            case 0 -> h.token();
            case 1 -> "x".repeat(65 + h.nextInt(100));
            case 2 -> "";
            case 3 -> buttons.isEmpty() ? "AAAAAAAAAAAAAAAAAAAAAA" : mutate(h.pick(buttons).data());
            default -> h.longText(64);
          };
      int messageId = 1 + h.nextInt(5000);
      return new Draft(
          "forged button",
          c,
          user,
          data,
          false,
          false,
          true,
          () -> api.enqueueCallback(c.id(), c.topic(), user, messageId, data));
    }
    Harvested b = h.pick(buttons);
    boolean sameChat = k < 8;
    Fixtures.Chat pressedIn = sameChat ? Fixtures.byId(b.chatId()).orElse(c) : c;
    if (sameChat && Fixtures.byId(b.chatId()).isEmpty()) {
      sameChat = false; // a button in a scratch chat: press it from a fixture chat instead
    }
    long presser =
        h.chance(0.7) && b.issuedTo() != 0 && pressedIn.users().contains(b.issuedTo())
            ? b.issuedTo()
            : user(pressedIn);
    if (b.text().startsWith("Grant") && presser == Fixtures.OWNER) {
      // An owner's grant would change the fixtures' roles mid-run; a stranger presses it instead.
      pressedIn = Fixtures.STRANGER;
      presser = Fixtures.STRANGER.id();
    }
    Fixtures.Chat in = pressedIn;
    long by = presser;
    boolean may = in.id() == b.chatId() && pressMayCall(b, in, by);
    return new Draft(
        "button " + b.text(),
        in,
        by,
        b.data(),
        may,
        false,
        true,
        () -> api.enqueueCallback(in.id(), in.topic(), by, b.messageId(), b.data()));
  }

  /** Whether a genuine press may reach the provider: the role and the user must fit the action. */
  private boolean pressMayCall(Harvested b, Fixtures.Chat in, long presser) {
    String t = b.text();
    boolean perUser = t.startsWith("🗑") || t.startsWith("Cancel") || t.matches("\\+?[0-9]+");
    if (perUser && b.issuedTo() != 0 && b.issuedTo() != presser) {
      return false;
    }
    if (t.startsWith("🗑")) {
      return allowed(in, presser, Role.ADMIN);
    }
    if (t.startsWith("Cancel")
        || t.startsWith("Grant")
        || t.startsWith("Ignore")
        || t.startsWith("▶ Resume")) {
      return false;
    }
    if (t.matches("\\+?[0-9]+")) {
      return allowed(in, presser, Role.OPERATOR);
    }
    if (t.equals("◀") || t.equals("▶") || t.equals("🔄")) {
      return allowed(in, presser, Role.VIEWER);
    }
    // An operator's registration button offered after /add.
    return allowed(in, presser, Role.OPERATOR);
  }

  private String mutate(String data) {
    char[] ch = data.toCharArray();
    int i = h.nextInt(ch.length);
    ch[i] = ch[i] == 'A' ? 'B' : 'A';
    return new String(ch);
  }

  private Draft odd(Fixtures.Chat c) {
    long user = user(c);
    String text =
        switch (h.nextInt(8)) {
          case 0 -> "/";
          case 1 -> "//senders";
          case 2 -> "/SENDERS@" + FakeBotApi.BOT_USERNAME.toUpperCase();
          case 3 -> "/" + "a".repeat(40);
          case 4 -> "  /help";
          case 5 -> "/id@";
          case 6 -> "/нет";
          default -> "/help@other_bot /senders";
        };
    boolean may = text.startsWith("/SENDERS") && allowed(c, user, Role.VIEWER);
    Msg m = msg(c, user, text);
    return new Draft("odd", c, user, text, may, false, false, () -> api.enqueue(m));
  }

  /** Who may run something that needs {@code least}: owners everywhere, else the chat's role. */
  static boolean allowed(Fixtures.Chat c, long user, Role least) {
    if (user == Fixtures.OWNER || least == null) {
      return true;
    }
    return c.role() != null && c != Fixtures.OWNER_CHAT && c.role().atLeast(least);
  }
}
