package dev.sendersbot.smsc;

import java.time.LocalDate;

/**
 * Parameters of a list request ({@code get=1}). Records compare by value, so a query is also the
 * cache key of the gateway.
 *
 * @param all {@code all=1}: every name, not only activated ones, with its moderation status
 * @param operators {@code operators=1}: each operator's status code
 * @param fromDate only names whose status at an operator changed on or after this date; may be null
 * @param prevId names created before this id (paging); may be null
 * @param cnt page size, 1..15000; may be null for the provider's default
 * @param user sub-client login; null for the account itself
 */
public record ListQuery(
    boolean all, boolean operators, LocalDate fromDate, Long prevId, Integer cnt, String user) {

  public static final int MAX_CNT = 15_000;

  public ListQuery {
    if (cnt != null && (cnt < 1 || cnt > MAX_CNT)) {
      throw new IllegalArgumentException("cnt must be 1.." + MAX_CNT + ": " + cnt);
    }
    if (prevId != null && prevId <= 0) {
      throw new IllegalArgumentException("prevId must be positive: " + prevId);
    }
    user = SubClient.normalise(user);
  }

  /** Everything the watcher and {@code /senders} need: all names, with operator statuses. */
  public static ListQuery full(String user) {
    return new ListQuery(true, true, null, null, null, user);
  }

  public ListQuery withPrevId(Long id) {
    return new ListQuery(all, operators, fromDate, id, cnt, user);
  }

  public ListQuery withCnt(Integer n) {
    return new ListQuery(all, operators, fromDate, prevId, n, user);
  }
}
