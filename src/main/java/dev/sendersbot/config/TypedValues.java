package dev.sendersbot.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads raw values as their types, checking each against its range in {@link Key}. A key that is
 * not set, or whose value is wrong, gives its default from {@link Key}; the problem is recorded in
 * {@link RawValues}, so reading goes on and every bad key is reported at once.
 */
final class TypedValues {
  private final RawValues raw;

  TypedValues(RawValues raw) {
    this.raw = raw;
  }

  /** The key's duration within its range in {@link Key}. */
  Duration duration(Key k) {
    return duration(k, k.minDuration(), k.maxDuration());
  }

  /**
   * The key's duration within {@code min} and {@code max}, for a key whose real floor depends on
   * another key and is checked next with its own explanation (watch.interval).
   */
  Duration duration(Key k, Duration min, Duration max) {
    String t = raw.text(k);
    if (t == null) {
      return k.defaultDuration();
    }
    Optional<Duration> d = Durations.parse(t);
    if (d.isEmpty()) {
      raw.bad(k, "is not a duration; write it as 500ms, 30s, 5m, 1h or 365d");
      return k.defaultDuration();
    }
    if (d.get().compareTo(min) < 0 || d.get().compareTo(max) > 0) {
      raw.bad(
          k,
          "is out of range: it must be between "
              + Durations.format(min)
              + " and "
              + Durations.format(max));
      return k.defaultDuration();
    }
    return d.get();
  }

  /** The key's whole number within its range in {@link Key}. */
  int integer(Key k) {
    String t = raw.text(k);
    if (t == null) {
      return k.defaultInt();
    }
    long n;
    try {
      n = Long.parseLong(t);
    } catch (NumberFormatException e) {
      raw.bad(k, "is not a whole number");
      return k.defaultInt();
    }
    if (n < k.minInt() || n > k.maxInt()) {
      raw.bad(k, "is out of range: it must be between " + k.minInt() + " and " + k.maxInt());
      return k.defaultInt();
    }
    return (int) n;
  }

  boolean bool(Key k) {
    String t = raw.text(k);
    if (t == null) {
      return k.defaultBoolean();
    }
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        raw.bad(k, "is not true or false");
        yield k.defaultBoolean();
      }
    };
  }

  Path path(Key k) {
    String t = raw.text(k);
    if (t == null) {
      return k.defaultPath();
    }
    try {
      return Path.of(t);
    } catch (InvalidPathException e) {
      raw.bad(k, "is not a valid path");
      return k.defaultPath();
    }
  }

  /**
   * An http(s) URL without a trailing slash, credentials, query or fragment: those would end up in
   * every request line the clients log, and credentials have their own (masked) keys.
   *
   * @param pathAllowed false for a server that must be scheme, host and port only
   */
  URI url(Key k, boolean pathAllowed) {
    String t = raw.text(k);
    if (t == null) {
      return defaultUri(k);
    }
    String s = t;
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    URI u;
    try {
      u = new URI(s);
    } catch (URISyntaxException e) {
      return badUrl(k, t, "is not a URL");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return badUrl(k, t, "is not an http or https URL");
    }
    if (u.getRawUserInfo() != null) {
      return badUrl(k, t, "must not carry credentials; set them in their own keys");
    }
    if (u.getHost() == null) {
      return badUrl(k, t, "has no host name");
    }
    if (u.getRawQuery() != null || u.getRawFragment() != null) {
      return badUrl(k, t, "must not have a query or fragment");
    }
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    if (!pathAllowed && !path.isEmpty()) {
      return badUrl(k, t, "must be scheme, host and port only, without a path");
    }
    return URI.create(scheme + "://" + u.getRawAuthority() + path);
  }

  private URI badUrl(Key k, String value, String what) {
    raw.problem(k.path(), "'" + safeUrl(value) + "'" + raw.from(k) + " " + what);
    return defaultUri(k);
  }

  /** A URL key without a default (telegram.webhook.url) is null until set. */
  private static URI defaultUri(Key k) {
    return k.defaultText().isPresent() ? k.defaultUri() : null;
  }

  /**
   * Telegram user ids from a YAML list or a comma-separated string (the environment's form);
   * duplicates dropped, order kept. Each bad item is named with its index in a list.
   */
  List<Long> userIds(Key k) {
    RawValues.Raw r = raw.get(k);
    if (r == null) {
      return List.of();
    }
    List<String> items = r.items() != null ? r.items() : List.of(r.text().split(","));
    Set<Long> ids = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i).strip();
      if (item.isEmpty()) {
        continue;
      }
      String key = r.items() != null ? k.path() + "[" + i + "]" : k.path();
      String quoted = "'" + item + "'" + raw.from(k);
      long id;
      try {
        id = Long.parseLong(item);
      } catch (NumberFormatException e) {
        raw.problem(key, quoted + " is not a Telegram user id (a whole number)");
        continue;
      }
      if (id <= 0) {
        raw.problem(
            key,
            quoted
                + " is not a Telegram user id: user ids are positive (negative ids are groups,"
                + " which cannot be owners)");
        continue;
      }
      String standIn = STAND_INS.get(id);
      if (standIn != null) {
        raw.problem(
            key,
            quoted
                + " is nobody's user id: Telegram shows it to bots for "
                + standIn
                + ", so as an owner it would give them all every right; send /id to the bot in a"
                + " private chat to see your own");
        continue;
      }
      ids.add(id);
    }
    return List.copyOf(ids);
  }

  /**
   * Telegram's stand-ins in a message's {@code from} when it was sent on behalf of a chat: the same
   * id for everyone who writes so, and what such a writer's {@code /id} showed before it said so.
   */
  private static final Map<Long, String> STAND_INS =
      Map.of(
          1087968824L, "every anonymous group admin (@GroupAnonymousBot)",
          136817688L, "everyone writing as a channel (@Channel_Bot)",
          777000L, "channel posts forwarded to a discussion group (Telegram)");

  /**
   * A URL as it may be quoted in a message: no user info, path, query or fragment, where a
   * password, an API key or a bot token may sit.
   */
  static String safeUrl(String text) {
    String s = text;
    int cut = -1;
    for (char c : new char[] {'?', '#'}) {
      int i = s.indexOf(c);
      if (i >= 0 && (cut < 0 || i < cut)) {
        cut = i;
      }
    }
    if (cut >= 0) {
      s = s.substring(0, cut) + "?…";
    }
    int at = s.lastIndexOf('@');
    int start = s.indexOf("//");
    start = start < 0 ? 0 : start + 2;
    if (at >= start) {
      s = s.substring(0, start) + "…@" + s.substring(at + 1);
    }
    // The path too: https://api.telegram.org/bot<token> is a common mistake for the base URL.
    int slash = start > 0 ? s.indexOf('/', start) : -1;
    if (slash >= 0 && slash + 1 < s.length() && !s.startsWith("?…", slash + 1)) {
      s = s.substring(0, slash) + "/…" + (s.endsWith("?…") ? "?…" : "");
    }
    return s;
  }
}
