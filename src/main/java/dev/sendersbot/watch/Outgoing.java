package dev.sendersbot.watch;

import dev.sendersbot.watch.Outbox.Kind;
import dev.sendersbot.watch.Outbox.Pending;
import java.time.Instant;
import java.util.List;

/**
 * One message to send: one or more Telegram messages carrying some outbox rows of one chat and
 * topic. Mutable only where the dispatcher follows it: the chat id (a group became a supergroup)
 * and how many of its parts Telegram accepted.
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
  int sentParts;

  Outgoing(List<Pending> rows, List<String> parts, boolean silent, List<String> cards) {
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
  }
}
