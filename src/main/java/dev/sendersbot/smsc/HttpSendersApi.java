package dev.sendersbot.smsc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sendersbot.smsc.SendersAnswers.BadAnswer;
import dev.sendersbot.smsc.SendersAnswers.Page;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@link SendersApi} over HTTP: one POST with a form body per call, {@code fmt=3}, {@code
 * charset=utf-8}. Credentials travel only in the body; messages, logs and {@link #toString()} name
 * the operation, host and path, never a parameter. What each call sends is {@link SendersForm}'s
 * business, how it travels and what came back {@link SendersTransport}'s.
 */
final class HttpSendersApi implements SendersApi {

  static final String PATH = "sys/senders.php";

  private final SendersTransport transport;
  private final Credentials credentials;

  HttpSendersApi(SendersTransport transport, Credentials credentials) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
  }

  @Override
  public List<Sender> list(ListQuery query) {
    return page(query).senders();
  }

  @Override
  public List<Sender> listAll(ListQuery query) {
    Objects.requireNonNull(query, "query");
    int cnt = query.cnt() == null ? ListQuery.MAX_CNT : query.cnt();
    ListQuery pages = query.withCnt(cnt);
    List<Sender> all = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    Long prevId = query.prevId();
    while (true) {
      Page page = page(pages.withPrevId(prevId));
      boolean advanced = false;
      long min = Long.MAX_VALUE;
      for (Sender s : page.senders()) {
        min = Math.min(min, s.id());
        if (seen.add(s.id())) {
          all.add(s);
          advanced = true;
        }
      }
      if (page.entries() < cnt || page.senders().isEmpty()) {
        return List.copyOf(all);
      }
      // A provider that ignored prev_id would hand back the same full page for ever.
      if (!advanced || min <= 0 || (prevId != null && min >= prevId)) {
        throw transport.malformed(
            Operation.LIST,
            "paging with prev_id did not advance (after prev_id="
                + prevId
                + " a full page of "
                + cnt
                + " reached down to id "
                + min
                + ")");
      }
      prevId = min;
    }
  }

  /**
   * One page; when it was asked with {@code all=1&operators=1} but carries no moderation status,
   * the same page again with {@code all=1} alone, merged in by id.
   *
   * <p>The reference leaves open whether {@code all=1} combines with {@code operators=1}, and
   * prints the {@code operators=1} form without {@code status}: a provider that answers in that
   * form would otherwise show disabled names as allowed, and an approval or a rejection would never
   * be noticed. A provider that also drops {@code all=1} (activated names only) would lose the
   * others from the list: they come from the second answer, without operator statuses. Only whole
   * lists are completed this way: the reference does not say that {@code from_date} combines with
   * {@code all=1} either, and such polls keep the moderation they knew. An empty answer is taken as
   * it is, so that a new account's lists do not cost two requests each.
   */
  private Page page(ListQuery query) {
    Page page = fetch(query);
    if (!query.all()
        || !query.operators()
        || query.fromDate() != null
        || page.entries() == 0
        || carriesStatus(page)) {
      return page;
    }
    Page moderation =
        fetch(new ListQuery(true, false, null, query.prevId(), query.cnt(), query.user()));
    boolean lastPage = query.cnt() == null || page.entries() < query.cnt();
    return withModeration(page, moderation, lastPage);
  }

  private Page fetch(ListQuery query) {
    SendersForm form = SendersForm.list(query);
    return transport.call(
        form.operation(), form.encode(credentials), SendersAnswers::page, ListReader::read);
  }

  /** Whether any entry carries a moderation status, even one this client cannot read. */
  private static boolean carriesStatus(Page page) {
    for (Sender s : page.senders()) {
      if (s.moderation() != null || s.extra().containsKey("status")) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code page}'s names with their moderation from {@code moderation}, then the names only that
   * answer has: those within the page's reach (all of them when the page was its list's last).
   */
  private static Page withModeration(Page page, Page moderation, boolean lastPage) {
    Map<Long, Sender> byId = new HashMap<>();
    for (Sender s : moderation.senders()) {
      byId.putIfAbsent(s.id(), s);
    }
    List<Sender> merged = new ArrayList<>(page.senders().size() + byId.size());
    long oldest = Long.MAX_VALUE;
    for (Sender s : page.senders()) {
      oldest = Math.min(oldest, s.id());
      Sender m = byId.remove(s.id());
      merged.add(
          m == null || m.moderation() == null
              ? s
              : new Sender(s.id(), s.name(), m.moderation(), s.operators(), s.extra()));
    }
    int added = 0;
    for (Sender m : moderation.senders()) {
      if (byId.remove(m.id()) != null && (lastPage || m.id() > oldest)) {
        merged.add(m);
        added++;
      }
    }
    return new Page(merged, page.entries() + added);
  }

  @Override
  public long add(AddRequest request) {
    return call(SendersForm.add(request), SendersAnswers::addedId);
  }

  @Override
  public void change(ChangeRequest request) {
    call(SendersForm.change(request), HttpSendersApi::ok);
  }

  @Override
  public void sendCode(SendCodeRequest request) {
    call(SendersForm.sendCode(request), HttpSendersApi::ok);
  }

  @Override
  public void checkCode(CheckCodeRequest request) {
    call(SendersForm.checkCode(request), HttpSendersApi::ok);
  }

  @Override
  public void delete(DeleteRequest request) {
    call(SendersForm.delete(request), HttpSendersApi::ok);
  }

  @Override
  public String toString() {
    return "HttpSendersApi[" + transport.describe() + ", " + credentials.describe() + "]";
  }

  private <T> T call(SendersForm form, SendersTransport.Reader<T> reader) {
    return transport.call(form.operation(), form.encode(credentials), reader);
  }

  private static Void ok(JsonNode root) throws BadAnswer {
    SendersAnswers.ok(root);
    return null;
  }
}
