package dev.sendersbot.telegram;

import java.util.Objects;
import java.util.function.LongPredicate;

/**
 * How the transport keeps one chat from holding up the others: a chat has at most one update
 * unconfirmed to Telegram; its further updates, and one that would have to wait for its chat's
 * sending slot, are parked in the backlog. A backlog is bounded: past the bound a chat's updates
 * are dropped (counted and logged), never queued.
 *
 * @param pacing when a chat may next be sent to (the messenger's limiter)
 * @param trusted chats the bot knows (owners' private chats, chats with a grant); the others are
 *     strangers
 * @param strangerBacklog updates one stranger chat may have parked
 * @param strangersBacklog updates all stranger chats together may have parked
 * @param trustedBacklog updates one known chat may have parked (a group gets 20 answers a minute:
 *     1,000 is 50 minutes of them)
 */
public record Fairness(
    ChatPacing pacing,
    LongPredicate trusted,
    int strangerBacklog,
    int strangersBacklog,
    int trustedBacklog) {
  public Fairness {
    Objects.requireNonNull(pacing, "pacing");
    Objects.requireNonNull(trusted, "trusted");
    if (strangerBacklog < 0 || strangersBacklog < 0 || trustedBacklog < 0) {
      throw new IllegalArgumentException(
          "backlog bounds must be >= 0: "
              + strangerBacklog
              + ", "
              + strangersBacklog
              + ", "
              + trustedBacklog);
    }
  }

  /**
   * No pacing known and every chat trusted: what a transport gets unless told who is who (the bot's
   * {@code run} tells it).
   */
  public static Fairness defaults() {
    return new Fairness(ChatPacing.NONE, chatId -> true, 10, 1000, 1000);
  }

  /** These bounds with the given pacing and trust. */
  public Fairness with(ChatPacing pacing, LongPredicate trusted) {
    return new Fairness(pacing, trusted, strangerBacklog, strangersBacklog, trustedBacklog);
  }

  /** These pacing and trust with other bounds. */
  public Fairness withBacklogs(int stranger, int strangers, int trusted) {
    return new Fairness(pacing, this.trusted, stranger, strangers, trusted);
  }
}
