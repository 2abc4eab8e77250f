package dev.sendersbot.smsc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sendersbot.smsc.SendersAnswers.BadAnswer;
import dev.sendersbot.smsc.SendersAnswers.Page;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

  private Page page(ListQuery query) {
    SendersForm form = SendersForm.list(query);
    return transport.call(
        form.operation(), form.encode(credentials), SendersAnswers::page, ListReader::read);
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
