package dev.sendersbot.gateway;

import dev.sendersbot.smsc.AddRequest;
import dev.sendersbot.smsc.DeleteRequest;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.Operators;
import dev.sendersbot.smsc.Sender;
import dev.sendersbot.smsc.SenderRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the bot's own successful add or delete does to a cached list, so that the list after a
 * creation is served at once instead of waiting for budget. Each edit writes what the provider's
 * next answer to that query would show, as far as the reference tells; a list it cannot foresee (a
 * {@code from_date} or {@code prev_id} page, a full page losing a name) is given up instead, and
 * the next list asks the provider as before.
 */
final class OwnWrites {
  private OwnWrites() {}

  /** One own write applied to one cached answer: the edited list, or null when unknowable. */
  interface Edit {
    List<Sender> apply(ListQuery query, List<Sender> senders);
  }

  /**
   * A name just created with {@code id}: newest first in a list, waiting for moderation (0), each
   * requested operator awaiting registration (0). Lists of activated names only do not show it.
   */
  static Edit added(AddRequest request, long id) {
    return (query, senders) -> {
      if (query.fromDate() != null || query.prevId() != null) {
        return null; // its place in a dated list or a later page is the provider's to say
      }
      if (!query.all()) {
        return senders; // only activated names, and a new one waits for moderation
      }
      String lower = request.sender().toLowerCase(Locale.ROOT);
      if (senders.stream().anyMatch(s -> s.id() == id || lowerName(s).equals(lower))) {
        return senders; // the list was asked after the provider made it
      }
      Map<String, Integer> operators = new LinkedHashMap<>();
      if (query.operators()) {
        for (String flag : request.operatorFlags()) {
          if (Operators.isStatusField(flag)) {
            operators.put(flag, 0);
          }
        }
      }
      List<Sender> out = new ArrayList<>(senders.size() + 1);
      out.add(new Sender(id, request.sender(), 0, operators, Map.of()));
      out.addAll(senders);
      if (query.cnt() != null && out.size() > query.cnt()) {
        out.remove(out.size() - 1); // the page keeps its size: the oldest name moves off it
      }
      return List.copyOf(out);
    };
  }

  /** A name just deleted: gone from every list of its owner. */
  static Edit deleted(DeleteRequest request) {
    SenderRef ref = request.ref();
    return (query, senders) -> {
      List<Sender> out = new ArrayList<>(senders.size());
      for (Sender s : senders) {
        if (!matches(ref, s)) {
          out.add(s);
        }
      }
      if (out.size() == senders.size()) {
        return senders;
      }
      if (query.cnt() != null && senders.size() >= query.cnt()) {
        return null; // a full page: the next name behind it would move up, unknown here
      }
      return List.copyOf(out);
    };
  }

  private static boolean matches(SenderRef ref, Sender s) {
    return ref.id() != null
        ? ref.id() == s.id()
        : lowerName(s).equals(ref.name().toLowerCase(Locale.ROOT));
  }

  private static String lowerName(Sender s) {
    return s.name().toLowerCase(Locale.ROOT);
  }
}
