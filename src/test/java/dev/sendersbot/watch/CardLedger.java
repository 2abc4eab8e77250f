package dev.sendersbot.watch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.message.Html;
import dev.sendersbot.store.Database;
import dev.sendersbot.telegram.FakeBotApi;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the crash proofs with live cards count in the requests the Bot API accepted: which change
 * each line delivers (a digest's or a mute summary's line, or a card's move, which carries its
 * time), which changes never arrived, and which requests only showed again what an earlier one had
 * shown (a repeat, owed to that earlier request).
 *
 * <p>A card name's lines recur (its moves cycle), and a line without its time cannot say which of
 * those changes it is. So a line is only ever taken for a change already polled when its request
 * went ({@link Polls}): otherwise a mute's summary repeating the edit in flight at a kill took a
 * later change of the same line for its own, and the card that later brought that change counted as
 * a repeat of a request that was never in flight. And a line shown again is owed to the latest
 * earlier request that showed it, never to its own request (a summary listing one line twice, the
 * change in flight and a later one, is the repeat of the request in flight).
 */
final class CardLedger {
  /** One change a chat must hear of: as its line, or as a move on a card. */
  record Expected(long chatId, String line, String move, Instant polledAt) {}

  /**
   * @param repeats each repeated request's index, and the index of the request it repeats
   * @param missing up to ten of the changes never delivered
   */
  record Tally(
      int changes,
      int lost,
      List<String> missing,
      int edits,
      int summaries,
      Map<Integer, Integer> repeats) {}

  /** When each poll wrote its changes: how many requests the Bot API had accepted by then. */
  static final class Polls {
    private final Map<Instant, Integer> deliveredBefore = new HashMap<>();

    /** A poll at {@code at} wrote its changes after {@code delivered} requests were accepted. */
    void polled(Instant at, int delivered) {
      deliveredBefore.putIfAbsent(at, delivered);
    }

    /** The first request that may show a change polled at {@code at}. */
    int firstRequest(Instant at) {
      Integer n = deliveredBefore.get(at);
      assertTrue(n != null, "a change from a poll nobody recorded, at " + at);
      return n;
    }
  }

  private CardLedger() {}

  /**
   * @param expected every change, per chat
   */
  static Tally tally(
      List<FakeBotApi.Sent> delivered, Map<Long, List<Expected>> expected, Polls polls) {
    String movedOn = lastLine(CardTexts.movedOn(Readers.ENGLISH_UTC.of(0), ""));
    Map<Long, Map<String, List<Expected>>> byText = new HashMap<>();
    for (List<Expected> list : expected.values()) {
      for (Expected e : list) {
        Map<String, List<Expected>> m = byText.computeIfAbsent(e.chatId(), k -> new HashMap<>());
        m.computeIfAbsent(e.line(), k -> new ArrayList<>()).add(e);
        m.computeIfAbsent(e.move(), k -> new ArrayList<>()).add(e);
      }
    }
    Map<Expected, Integer> firstSeen = new HashMap<>();
    Map<Expected, Integer> lastSeen = new HashMap<>();
    Map<Integer, Integer> repeats = new TreeMap<>(); // repeated request -> where it first went
    int edits = 0;
    int summaries = 0;
    for (int i = 0; i < delivered.size(); i++) {
      FakeBotApi.Sent s = delivered.get(i);
      boolean edit = s.method().equals("editMessageText");
      edits += edit ? 1 : 0;
      String[] lines = Html.visibleText(s.text()).split("\n");
      if (edit && lines[lines.length - 1].equals(movedOn)) {
        continue; // an old card pointing to its successor: it delivers nothing
      }
      boolean card = lines[0].startsWith("🪪");
      summaries += lines[0].startsWith("🔔 Mute ended") ? 1 : 0;
      Map<String, List<Expected>> mine = byText.getOrDefault(s.chatId(), Map.of());
      int fresh = 0;
      int shownBefore = -1;
      for (String line : lines) {
        if (!line.contains(" · ")) {
          continue; // a header, a card's status lines
        }
        int at = i;
        List<Expected> candidates =
            mine.getOrDefault(line, List.of()).stream()
                .filter(e -> polls.firstRequest(e.polledAt()) <= at)
                .toList();
        assertTrue(
            !candidates.isEmpty(),
            "chat " + s.chatId() + " got a line nobody wrote for it (yet): " + line);
        Expected hit =
            candidates.stream().filter(e -> !firstSeen.containsKey(e)).findFirst().orElse(null);
        if (hit != null) {
          firstSeen.put(hit, i);
          lastSeen.put(hit, i);
          fresh++;
        } else {
          // The latest sighting: a line shown again is owed to the request that showed it last
          // (itself only when the request shows one change twice). A repeat in flight at the next
          // kill is then what the repeat after that owes, not the first showing.
          int before =
              candidates.stream().mapToInt(lastSeen::get).filter(n -> n < at).max().orElse(at);
          shownBefore = Math.max(shownBefore, before);
          candidates.forEach(e -> lastSeen.put(e, at));
        }
      }
      // A card shows its earlier moves again by design; it repeats only when it brings nothing.
      boolean repeated = card ? fresh == 0 && shownBefore >= 0 : shownBefore >= 0;
      if (repeated) {
        repeats.put(i, shownBefore);
      }
    }
    int changes = 0;
    int lost = 0;
    List<String> missing = new ArrayList<>();
    for (List<Expected> list : expected.values()) {
      for (Expected e : list) {
        changes++;
        if (!firstSeen.containsKey(e)) {
          lost++;
          if (missing.size() < 10) {
            missing.add("chat " + e.chatId() + ": " + e.move());
          }
        }
      }
    }
    return new Tally(changes, lost, missing, edits, summaries, repeats);
  }

  private static String lastLine(String html) {
    String[] lines = Html.visibleText(html).split("\n");
    return lines[lines.length - 1];
  }

  /** Every change row the polls wrote, per chat, as its line and as a card's move. */
  static Map<Long, List<Expected>> expected(Path file) {
    try (Database db = Database.open(file)) {
      return db.read(
          c -> {
            Map<Long, List<Expected>> m = new TreeMap<>();
            Set<String> seen = new LinkedHashSet<>();
            try (PreparedStatement ps =
                    c.prepareStatement(
                        "SELECT o.chat_id, p.html, o.created_at FROM outbox o"
                            + " JOIN outbox_payloads p ON p.id = o.payload_id"
                            + " WHERE p.kind = 'change' ORDER BY o.id");
                ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                long chat = rs.getLong(1);
                String html = rs.getString(2);
                Instant at = Instant.ofEpochMilli(rs.getLong(3));
                Expected e =
                    new Expected(
                        chat, Html.visibleText(html), Html.visibleText(move(at, html)), at);
                assertTrue(seen.add(chat + " " + e.move()), "each change is one row per chat");
                m.computeIfAbsent(chat, k -> new ArrayList<>()).add(e);
              }
            }
            return m;
          });
    }
  }

  /** A move as the child's cards show it (English, UTC). */
  static String move(Instant at, String html) {
    return CardTexts.move(Readers.ENGLISH_UTC.of(0), at, html);
  }
}
