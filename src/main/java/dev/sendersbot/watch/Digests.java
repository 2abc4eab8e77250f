package dev.sendersbot.watch;

import dev.sendersbot.message.Html;
import dev.sendersbot.message.Reply;
import dev.sendersbot.watch.Outbox.Kind;
import dev.sendersbot.watch.Outbox.Pending;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns due outbox rows into messages. A chat's pending change rows become digests: the actionable
 * ones in audible messages with a card button per name, the routine ones in silent messages, each
 * packed up to Telegram's 4096 characters at line boundaries (so every row belongs to exactly one
 * message). Summaries and notices go alone. When a chat's changes are about a few names only, each
 * name's changes instead become one update of its live card (see {@link LiveCards}).
 */
final class Digests {
  static final int MAX_CARDS = 8;

  /** Room a digest leaves for its head. */
  private static final int HEAD_ROOM = 200;

  /**
   * A chat's changes of at most this many names update each name's live card; more, and they go in
   * digests, so a burst is a few messages rather than one edit per name.
   */
  static final int MAX_CARD_NAMES = 1;

  private Digests() {}

  /**
   * Per chat and topic: notices and summaries alone, then the actionable digest, then the routine
   * one.
   */
  static List<Outgoing> messages(List<Pending> due, Readers readers) {
    Map<List<Object>, List<Pending>> groups = new LinkedHashMap<>();
    for (Pending p : due) {
      groups
          .computeIfAbsent(java.util.Arrays.asList(p.chatId(), p.topicId()), k -> new ArrayList<>())
          .add(p);
    }
    List<Outgoing> out = new ArrayList<>();
    for (List<Pending> rows : groups.values()) {
      List<Pending> loud = new ArrayList<>();
      List<Pending> quiet = new ArrayList<>();
      Map<String, List<Pending>> byName = byName(rows);
      boolean asCards =
          byName != null
              && byName.size() <= MAX_CARD_NAMES
              && byName.values().stream().allMatch(l -> l.size() <= LiveCards.MAX_NEW_MOVES);
      for (Pending p : rows) {
        if (asCards && p.kind() == Kind.CHANGE) {
          List<Pending> mine = byName.remove(cardKey(p.name()));
          if (mine != null) {
            boolean loudCard = mine.stream().anyMatch(Pending::actionable);
            out.add(
                new Outgoing(mine, List.of(p.html()), !loudCard, cards(mine), mine.get(0).name()));
          }
        } else if (p.kind() != Kind.CHANGE) {
          out.add(new Outgoing(List.of(p), parts(p.html()), !p.actionable(), cards(List.of(p))));
        } else if (p.actionable()) {
          loud.add(p);
        } else {
          quiet.add(p);
        }
      }
      dev.sendersbot.i18n.Texts words = readers.of(rows.get(0).chatId());
      out.addAll(digests(words, loud, true));
      out.addAll(digests(words, quiet, false));
    }
    return out;
  }

  /** The change rows by name, in order; null when a change row has no name (queued before V9). */
  private static Map<String, List<Pending>> byName(List<Pending> rows) {
    Map<String, List<Pending>> byName = new LinkedHashMap<>();
    for (Pending p : rows) {
      if (p.kind() == Kind.CHANGE) {
        if (p.name() == null) {
          return null;
        }
        byName.computeIfAbsent(cardKey(p.name()), k -> new ArrayList<>()).add(p);
      }
    }
    return byName;
  }

  static String cardKey(String name) {
    return name.toUpperCase(java.util.Locale.ROOT);
  }

  private static List<Outgoing> digests(
      dev.sendersbot.i18n.Texts words, List<Pending> rows, boolean actionable) {
    List<Outgoing> out = new ArrayList<>();
    if (rows.isEmpty()) {
      return out;
    }
    if (rows.size() == 1) {
      Pending p = rows.get(0);
      out.add(new Outgoing(rows, parts(p.html()), !actionable, cards(rows)));
      return out;
    }
    // Packed first, headed after: the head counts the names of its own message.
    List<List<Pending>> batches = new ArrayList<>();
    List<Pending> batch = new ArrayList<>();
    int length = 0;
    for (Pending p : rows) {
      if (!batch.isEmpty() && length + 1 + p.html().length() > Reply.MAX_TEXT - HEAD_ROOM) {
        batches.add(batch);
        batch = new ArrayList<>();
        length = 0;
      }
      batch.add(p);
      length += 1 + p.html().length();
    }
    batches.add(batch);
    for (int i = 0; i < batches.size(); i++) {
      List<Pending> b = batches.get(i);
      StringBuilder text =
          new StringBuilder(Texts.digestHeader(words, actionable, i > 0, names(b)));
      b.forEach(p -> text.append('\n').append(p.html()));
      out.add(new Outgoing(b, parts(text.toString()), !actionable, cards(b)));
    }
    return out;
  }

  /** How many names the rows are about (a row queued before V9, without its name, counts one). */
  private static int names(List<Pending> rows) {
    Set<String> names = new LinkedHashSet<>();
    for (Pending p : rows) {
      names.add(p.name() == null ? "#" + p.id() : cardKey(p.name()));
    }
    return names.size();
  }

  /**
   * A text within Telegram's limit as it is; a longer one (one huge row) cut by {@link Html#split}.
   */
  private static List<String> parts(String html) {
    return html.length() <= Reply.MAX_TEXT ? List.of(html) : Html.split(html, Reply.MAX_TEXT);
  }

  private static List<String> cards(List<Pending> rows) {
    Set<String> names = new LinkedHashSet<>();
    for (Pending p : rows) {
      for (String n : p.cardNames()) {
        if (names.size() < MAX_CARDS) {
          names.add(n);
        }
      }
    }
    return List.copyOf(names);
  }
}
