package dev.sendersbot.chat;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.i18n.Lang;
import dev.sendersbot.i18n.Messages;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.message.Html;
import dev.sendersbot.message.Reply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every text the bot says must be: from the bundles (no key missing, no failure), valid
 * Telegram HTML, within Telegram's 4,096 characters, and free of words that are not the reader's.
 */
final class TextChecks {
  /**
   * Latin words a Russian reader is shown on purpose, kept short: the provider's and Telegram's
   * names and the abbreviations Russian writes in Latin (SMSC, SMS, Telegram, UTC, GMT for a zone
   * without a Russian abbreviation, IANA for zone names), and the words a user must type as they
   * are, because the commands take them so (roles for /allow, auto/off/always/until/all).
   */
  static final Set<String> LATIN_IN_RUSSIAN =
      Set.of(
          "SMSC",
          "SMS",
          "Telegram",
          "UTC",
          "GMT",
          "IANA",
          "viewer",
          "operator",
          "admin",
          "auto",
          "off",
          "always",
          "until",
          "all");

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_/@+.:\\-]+");
  private static final Pattern IDENTIFIER = Pattern.compile(".*[0-9_/@+].*|.*[.:].*");

  private TextChecks() {}

  /** Every problem of what was said, one line each. */
  static List<String> problems(
      MessageDrive drive, Messages messages, Set<String> allowedLatin, boolean strictLatin) {
    List<String> out = new ArrayList<>();
    List<String> sorry = new ArrayList<>();
    for (Lang l : Lang.values()) {
      sorry.add(
          Html.visibleText(new Texts(messages, l, MessageDrive.ZONE).t("error.somethingWrong")));
    }
    List<String> data =
        drive.data.stream()
            .filter(d -> d != null && !d.isBlank())
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
    for (MessageDrive.Said s : drive.said) {
      if (s.kind().startsWith("rejected")) {
        out.add(s.where() + ": " + s.html());
        continue;
      }
      String visible = Html.visibleText(s.html());
      if (sorry.stream().anyMatch(visible::contains)) {
        out.add(s.where() + ": the command failed (a missing text?): " + visible);
      }
      if (!s.kind().equals("toast")) {
        String html = RecordingMessenger.htmlProblem(s.html());
        if (html != null) {
          out.add(s.where() + ": invalid Telegram HTML, " + html + ": " + s.html());
        }
      }
      if (Html.visibleLength(s.html()) > Reply.MAX_TEXT) {
        out.add(s.where() + ": " + Html.visibleLength(s.html()) + " characters");
      }
      if (strictLatin) {
        List<String> words = latinWords(visible, data, allowedLatin);
        if (!words.isEmpty()) {
          out.add(s.where() + ": words not from the bundles " + words + " in: " + visible);
        }
      }
    }
    for (AuditEntry e : drive.bot.auditEntries()) {
      // Bad input and undelivered replies fail too; an exception's name is a crash.
      if (e.outcome() != null && e.outcome().matches("failed: .*(Exception|Error)")) {
        out.add("/" + e.command() + " " + e.args() + ": " + e.outcome());
      }
    }
    return out;
  }

  /**
   * The plain ASCII words of three letters or more in {@code text}, once the data is taken out:
   * identifiers (with digits, '_', '/', '@', '.') are data too; a hyphenated word counts by its
   * parts.
   */
  static List<String> latinWords(String text, List<String> data, Set<String> allowed) {
    String t = text;
    for (String d : data) {
      // Whole words only: a typed "a" is no licence for every "a" inside a word.
      t = t.replaceAll("(?<![A-Za-z0-9_])" + Pattern.quote(d) + "(?![A-Za-z0-9_])", " ");
    }
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(t);
    while (m.find()) {
      String tok = m.group().replaceAll("^[.:\\-]+|[.:\\-]+$", "");
      if (tok.isEmpty() || IDENTIFIER.matcher(tok).matches()) {
        continue;
      }
      for (String part : tok.split("-")) {
        if (part.length() >= 3 && !allowed.contains(part) && !data.contains(part)) {
          out.add(part);
        }
      }
    }
    return out;
  }
}
