package dev.sendersbot.ops;

import dev.sendersbot.config.Config;
import dev.sendersbot.config.Secret;
import dev.sendersbot.config.TokenShape;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text bound for a log line: the bot token, the SMSC password (and its MD5), the
 * API key, and the value of a {@code psw}, {@code apikey} or {@code code} parameter and the like.
 * Every log event passes through {@link #mask(String)} in {@link MaskingEncoder}, whatever logged
 * it (the app, TelegramBots, OkHttp through java.util.logging).
 *
 * <p>Two layers: the exact secrets of this run, registered once at start-up by {@link
 * #register(Config)}, and patterns that catch secrets by their shape even when nobody registered
 * them (any bot token, any {@code psw} parameter value). One precompiled pattern scans each text
 * once; text without a match is returned as it is, without a copy.
 */
public final class LogMasking {
  /** What a masked value becomes. */
  public static final String MASK = "****";

  // Below this length a registered secret is masked only as a whole word: a 4-digit password
  // masked everywhere would blank every year and port number in the log, and hide nothing.
  static final int SHORT_SECRET = 6;

  // Form, query and toString() keys whose values are secret. "code" is the confirmation code of
  // check_code; the lookbehind keeps error_code=9 and check_code=1 readable.
  private static final String KEYS =
      "psw|password|passwd|pwd|apikey|api_key|api-key|token|secret|code";

  // A bot token: "<bot id>:<secret>". The bot id is public (it is the bot's user id) and stays, so
  // a log still tells which bot; the part after the colon goes.
  private static final String TOKEN_SHAPE =
      "(?<tokid>" + TokenShape.BOT_ID + "):" + TokenShape.SECRET;
  private static final String KEY_VALUE =
      "(?<![A-Za-z0-9_])(?<kvkey>(?i:" + KEYS + "))=(?!\\(not set\\))[^&\\s,;)\\]}\"'<>]+";
  private static final String JSON_VALUE =
      "(?<jskey>\"(?i:" + KEYS + ")\"\\s*:\\s*)(?:\"(?:[^\"\\\\]|\\\\.)*\"|\\d+)";
  // "/confirm ..." as a user typed it, to the end of the line (or of a quoted text, also a JSON
  // string with its "\n"): people put the code anywhere among the arguments, so every number of a
  // code's length (3 to 10 digits) in it goes; a phone number (11 to 15 digits) and words stay.
  private static final String CONFIRM =
      "(?<confirm>(?i:/confirm)(?:@\\w+)?)(?<confirmrest>(?:\\s|\\\\n)[^\"<>\\r\\n]*)";
  private static final Pattern CODE_AFTER_CONFIRM =
      Pattern.compile("(?<![0-9])[0-9]{3,10}(?![0-9])");
  private static final String SHAPES =
      TOKEN_SHAPE + "|" + KEY_VALUE + "|" + JSON_VALUE + "|" + CONFIRM;

  private static volatile Masks masks = new Masks(List.of());

  private LogMasking() {}

  /**
   * Registers this run's secrets from the configuration: the bot token, the SMSC password and its
   * lower-case MD5 (the provider accepts either), the API key, the webhook's secret token, the
   * database password, and their URL-encoded forms. Replaces what an earlier call registered. Call
   * once at start-up, before the first request.
   */
  public static void register(Config config) {
    List<String> secrets = new ArrayList<>();
    Secret token = config.telegram().token();
    if (token != null) {
      // Only the part after the colon: the bot id before it is public and stays readable.
      String t = token.reveal();
      int colon = t.indexOf(':');
      secrets.add(colon > 0 && colon < t.length() - 1 ? t.substring(colon + 1) : t);
    }
    Secret password = config.smsc().password();
    add(secrets, password);
    if (password != null) {
      secrets.add(md5(password.reveal()));
    }
    add(secrets, config.smsc().apiKey());
    add(secrets, config.telegram().webhook().secret());
    add(secrets, config.storage().password());
    registerSecrets(secrets);
  }

  /** Registers exactly these secrets (and their URL-encoded forms), replacing the earlier ones. */
  static void registerSecrets(Collection<String> secrets) {
    Set<String> all = new LinkedHashSet<>();
    for (String s : secrets) {
      if (s == null || s.isEmpty()) {
        continue;
      }
      all.add(s);
      all.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
    }
    masks = new Masks(List.copyOf(all));
  }

  /**
   * The text with every secret replaced by {@value #MASK}; the same instance when there is nothing
   * to mask. Null stays null.
   */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Masks m = masks;
    return m.mayMatch(text) ? maskByPattern(m, text) : text;
  }

  /** {@link #mask} without the cheap test in front; the same answer, only slower. */
  static String maskByPattern(String text) {
    return text == null || text.isEmpty() ? text : maskByPattern(masks, text);
  }

  private static String maskByPattern(Masks m, String text) {
    Matcher matcher = m.pattern.matcher(text);
    if (!matcher.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    int last = 0;
    do {
      out.append(text, last, matcher.start());
      replace(m, matcher, text, out);
      last = matcher.end();
    } while (matcher.find());
    return out.append(text, last, text.length()).toString();
  }

  /**
   * The registered secrets with the one pattern that finds them and the shapes. {@link #mayMatch}
   * is a cheap test that holds whenever the pattern can match: most log lines hold nothing to mask,
   * and a regular expression scan of every position costs some microseconds a line.
   */
  private static final class Masks {
    final List<String> secrets;
    final Pattern pattern;

    Masks(List<String> secrets) {
      this.secrets = secrets;
      this.pattern = compile(secrets);
    }

    boolean mayMatch(String text) {
      for (String s : secrets) {
        if (text.contains(s)) {
          return true;
        }
      }
      int len = text.length();
      for (int i = 0; i < len; i++) {
        switch (text.charAt(i)) {
          case ':' -> {
            if (tokenAround(text, i)) {
              return true;
            }
          }
          // key=value and "key": both have a letter right before the = or after the quote
          case '=' -> {
            if (i > 0 && Character.isLetter(text.charAt(i - 1))) {
              return true;
            }
          }
          case '"' -> {
            if (i + 1 < len && Character.isLetter(text.charAt(i + 1))) {
              return true;
            }
          }
          case '/' -> {
            if (text.regionMatches(true, i + 1, "confirm", 0, 7)) {
              return true;
            }
          }
          default -> {}
        }
      }
      return false;
    }

    // Whether the colon at i sits between 6+ digits and 30+ token characters, like a bot token.
    private static boolean tokenAround(String text, int colon) {
      int digits = 0;
      for (int j = colon - 1; j >= 0 && digits < 6 && Character.isDigit(text.charAt(j)); j--) {
        digits++;
      }
      if (digits < 6) {
        return false;
      }
      int tail = 0;
      for (int j = colon + 1; j < text.length() && tail < 30 && isTokenChar(text.charAt(j)); j++) {
        tail++;
      }
      return tail >= 30;
    }

    private static boolean isTokenChar(char c) {
      return (c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '-';
    }
  }

  // Appends the match with its secret part masked; the bot id, a key, the command and the phone
  // number are not secret and stay.
  private static void replace(Masks masks, Matcher m, String text, StringBuilder out) {
    String v;
    if ((v = m.group("tokid")) != null) {
      out.append(v).append(':').append(MASK);
    } else if ((v = m.group("kvkey")) != null) {
      out.append(v).append('=').append(MASK);
    } else if ((v = m.group("jskey")) != null) {
      boolean quoted = text.charAt(m.end() - 1) == '"';
      out.append(v).append(quoted ? "\"" + MASK + "\"" : MASK);
    } else if ((v = m.group("confirm")) != null) {
      // The rest of the line may hold other secrets too: it is masked as any text, then its codes.
      String rest = maskByPattern(masks, m.group("confirmrest"));
      out.append(v).append(CODE_AFTER_CONFIRM.matcher(rest).replaceAll(MASK));
    } else {
      out.append(MASK);
    }
  }

  private static Pattern compile(List<String> secrets) {
    StringBuilder literals = new StringBuilder();
    // Longest first, so a secret that contains another is masked whole.
    List<String> sorted = new ArrayList<>(secrets);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    for (String s : sorted) {
      if (literals.length() > 0) {
        literals.append('|');
      }
      if (s.length() < SHORT_SECRET) {
        literals.append("(?<![A-Za-z0-9])").append(Pattern.quote(s)).append("(?![A-Za-z0-9])");
      } else {
        literals.append(Pattern.quote(s));
      }
    }
    String regex = literals.length() == 0 ? SHAPES : "(?:" + literals + ")|" + SHAPES;
    return Pattern.compile(regex);
  }

  private static void add(List<String> out, Secret secret) {
    if (secret != null) {
      out.add(secret.reveal());
    }
  }

  static String md5(String s) {
    try {
      byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has MD5", e);
    }
  }
}
