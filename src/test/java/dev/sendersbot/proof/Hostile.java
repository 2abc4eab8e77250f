package dev.sendersbot.proof;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Adversarial text: unicode that trips naive code (right-to-left overrides, emoji sequences,
 * combining marks, astral characters whose surrogate pairs straddle cut points, zero-width and
 * control characters), Telegram-HTML and Markdown metacharacters, injection-shaped strings, and
 * texts at and beyond Telegram's 4096 characters. Seeded: a failure names its seed and repeats.
 */
final class Hostile {
  /** The provider's rule for an alphanumeric name (reference: English letters, digits, . - _). */
  static final Pattern ALPHA_NAME = Pattern.compile("[A-Za-z0-9._-]{1,11}");

  /** A digital name: a phone number in international format, at most 15 digits. */
  static final Pattern DIGITAL_NAME = Pattern.compile("\\+?[0-9]{1,15}");

  static final List<String> PIECES =
      List.of(
          // right to left, bidi overrides, mixed scripts
          "\u202Egnp.exe\u202C",
          "مرحبا بالعالم",
          "שלום",
          "\u200F\u200E",
          "Привет, мир",
          "你好",
          // emoji: skin tone, ZWJ family, flags, keycaps, astral letters
          "👍🏽",
          "👨‍👩‍👧‍👦",
          "🇷🇺🇺🇦",
          "1️⃣",
          "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
          "🧪",
          "🏳️‍🌈",
          // combining marks ("zalgo") and normalisation traps
          "Z̴̡̪͚͉̝̞a̧̢͍̖̙l̷g̸o̶",
          "e\u0301",
          "\u00e9",
          "Å",
          "ﬁ",
          "Ⅻ",
          // zero width, no-break and odd spaces, controls
          "\u200B",
          "\u200D",
          "\uFEFF",
          "\u00A0",
          "\u2028",
          "\u3000",
          "\t",
          "\r\n",
          "\u0007",
          "\u001F",
          "\u001B[31m",
          // Telegram HTML
          "<b>",
          "</b>",
          "<i>x</i>",
          "<script>alert(1)</script>",
          "<a href=\"javascript:x\">",
          "<tg-spoiler>",
          "</code>",
          "<pre><code class=\"language-x\">",
          "&amp;",
          "&lt;",
          "&#0;",
          "&#x1F600;",
          "&",
          "<",
          ">",
          "<<>>",
          "\"",
          "'",
          "<br/>",
          "<span>",
          "<blockquote>",
          // Markdown and MarkdownV2
          "*bold*",
          "_it_",
          "`code`",
          "```\nblock\n```",
          "[link](http://127.0.0.1/)",
          "~~s~~",
          "||spoiler||",
          "\\",
          "\\_",
          "__u__",
          // injection shapes
          "'; DROP TABLE chats; --",
          "\" OR 1=1 --",
          "%s%n%x",
          "{}",
          "${jndi:ldap://127.0.0.1/a}",
          "../../etc/passwd",
          "\\u0000",
          "null",
          "undefined",
          "NaN",
          "-0",
          "1e309",
          "99999999999999999999999",
          "-1001234567890",
          "0x7fffffff",
          // look-alikes of the bot's own words
          "/senders",
          "@senders_test_bot",
          "/del QACCSHOP",
          "cb-1",
          "\u001fpage\u001f0");

  private final Random rnd;

  Hostile(long seed) {
    this.rnd = new Random(seed);
  }

  Random random() {
    return rnd;
  }

  int nextInt(int n) {
    return rnd.nextInt(n);
  }

  boolean chance(double p) {
    return rnd.nextDouble() < p;
  }

  <T> T pick(List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }

  /** Free text: a mix of pieces, sometimes empty, sometimes at or over 4096 characters. */
  String text() {
    int r = rnd.nextInt(100);
    if (r < 4) {
      return "";
    }
    if (r < 7) {
      return pick(List.of(" ", "\n\n", "\u200B", "\u00A0", "\t \r\n"));
    }
    if (r < 14) {
      return longText(pick(List.of(4095, 4096, 4097, 5000, 9000)));
    }
    StringBuilder b = new StringBuilder();
    int n = 1 + rnd.nextInt(6);
    for (int i = 0; i < n; i++) {
      b.append(rnd.nextBoolean() ? pick(PIECES) : word()).append(rnd.nextInt(4) == 0 ? "" : " ");
    }
    return b.toString();
  }

  /**
   * A text of {@code length} UTF-16 units with astral characters and entities-to-be at every
   * offset, so that any cut near a limit lands inside a surrogate pair or an escape.
   */
  String longText(int length) {
    StringBuilder b = new StringBuilder(length + 8);
    List<String> fill = List.of("a", "<", "&", "😀", "ж", "\n", " ", "\"", "é", "𝔘", ">");
    while (b.length() < length) {
      b.append(pick(fill));
    }
    if (b.length() > length) {
      b.setLength(length);
      if (Character.isHighSurrogate(b.charAt(length - 1))) {
        b.setCharAt(length - 1, 'z');
      }
    }
    return b.toString();
  }

  /** A token without white space (as Java's tokenizer sees it) and without quote characters. */
  String token() {
    String t = rnd.nextBoolean() ? pick(PIECES) : word();
    StringBuilder b = new StringBuilder();
    t.codePoints()
        .filter(c -> !Character.isWhitespace(c) && "\"«“„".indexOf(c) < 0)
        .forEach(b::appendCodePoint);
    return b.length() == 0 ? "x" : b.toString();
  }

  /** A name the provider's rules reject, whatever the tokenizer: one token, no quotes. */
  String invalidName() {
    return switch (rnd.nextInt(8)) {
      case 0 -> "QACC<b>";
      case 1 -> "ИМЯ";
      case 2 -> "NAME" + "X".repeat(8 + rnd.nextInt(30));
      case 3 -> "1234567890123456" + rnd.nextInt(10);
      case 4 -> "na&me";
      case 5 -> "😀SHOP";
      case 6 -> "a\u00A0b";
      default -> {
        String t = token();
        yield ALPHA_NAME.matcher(t).matches() || DIGITAL_NAME.matcher(t).matches() ? t + "!" : t;
      }
    };
  }

  /** A new valid name in a scope's namespace. */
  String newName(String scope) {
    String p = Fixtures.prefix(scope);
    StringBuilder b = new StringBuilder(p);
    String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
    int n = 1 + rnd.nextInt(11 - p.length());
    for (int i = 0; i < n; i++) {
      b.append(chars.charAt(rnd.nextInt(chars.length())));
    }
    return b.toString();
  }

  /** A Latin word, sometimes mixed case. */
  String word() {
    String[] words = {"shop", "Taxi", "BANK", "pay", "hello", "all", "mts", "x", "q", "senders"};
    return words[rnd.nextInt(words.length)];
  }

  /** A valid phone number (digital name), sometimes with '+'. */
  String phone() {
    StringBuilder b = new StringBuilder(rnd.nextBoolean() ? "7999" : "+7999");
    for (int i = 0; i < 7; i++) {
      b.append(rnd.nextInt(10));
    }
    return b.toString();
  }

  /** Whether a whole argument is a name the provider could accept. */
  static boolean validName(String arg) {
    return arg != null
        && (ALPHA_NAME.matcher(arg).matches() || DIGITAL_NAME.matcher(arg).matches());
  }
}
