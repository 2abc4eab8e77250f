package dev.sendersbot.watch;

import dev.sendersbot.message.Button;
import dev.sendersbot.watch.Outbox.Kind;
import dev.sendersbot.watch.Outbox.Pending;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One message to send: one or more Telegram messages carrying some outbox rows of one chat and
 * topic. Mutable only where the dispatcher follows it: the chat id (a group became a supergroup)
 * and how many of its parts Telegram accepted, and its buttons once made.
 *
 * <p>A card ({@link #card} set) carries the changes of one name: it edits or replaces the name's
 * live card in the chat instead of going as a message of its own.
 */
final class Outgoing {
  long chatId;
  final Integer topicId;
  final List<Pending> rows;
  final List<Long> ids;
  final List<String> parts;
  final boolean silent;
  final List<String> cards;
  final boolean notice;
  final int attempts;
  final Instant oldest;

  /** The name whose live card this updates; null for a message of its own. */
  final String card;

  /** The names the message is about, which its mute buttons silence. */
  final List<String> names;

  int sentParts;
  List<List<Button>> keyboard;

  Outgoing(List<Pending> rows, List<String> parts, boolean silent, List<String> cards) {
    this(rows, parts, silent, cards, null);
  }

  Outgoing(
      List<Pending> rows, List<String> parts, boolean silent, List<String> cards, String card) {
    Pending first = rows.get(0);
    this.chatId = first.chatId();
    this.topicId = first.topicId();
    this.rows = List.copyOf(rows);
    this.ids = rows.stream().map(Pending::id).toList();
    this.parts = List.copyOf(parts);
    this.silent = silent;
    this.cards = List.copyOf(cards);
    this.notice = rows.stream().allMatch(r -> r.kind() == Kind.NOTICE);
    this.attempts = rows.stream().mapToInt(Pending::attempts).max().orElse(0);
    this.oldest = rows.stream().map(Pending::createdAt).min(Instant::compareTo).orElseThrow();
    this.card = card;
    Set<String> about = new LinkedHashSet<>(cards);
    rows.stream().map(Pending::name).filter(Objects::nonNull).forEach(about::add);
    this.names = List.copyOf(about);
  }
}
