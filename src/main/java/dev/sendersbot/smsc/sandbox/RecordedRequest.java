package dev.sendersbot.smsc.sandbox;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request the sandbox received on {@code /sys/senders.php}, as tests assert it.
 *
 * @param time arrival, by the sandbox clock
 * @param method GET or POST
 * @param remoteAddress the client's IP address
 * @param contentType the request's Content-Type; null without one
 * @param operation the command flag ({@code get}, {@code add}, {@code chg}, {@code send_code},
 *     {@code check_code}, {@code del}); {@code none} without one, the flags joined with '+' when
 *     several were set
 * @param params every parameter (body over query), {@code psw} and {@code apikey} masked as {@value
 *     #MASK}
 * @param queryParams the names of the parameters that came in the URL (a test proves the password
 *     never does)
 * @param documents the document files that came with it
 * @param login the login given (or the account's, when authorised by API key); may be null
 * @param user the sub-client; null for the account itself
 * @param httpStatus the HTTP status answered
 * @param errorCode the provider error code answered; null for a successful answer
 * @param detail why the sandbox answered that error, in words (not part of the answer)
 */
public record RecordedRequest(
    Instant time,
    String method,
    String remoteAddress,
    String contentType,
    String operation,
    Map<String, String> params,
    Set<String> queryParams,
    List<StoredDocument> documents,
    String login,
    String user,
    int httpStatus,
    Integer errorCode,
    String detail) {

  public static final String MASK = "***";

  public RecordedRequest {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    queryParams = Set.copyOf(queryParams);
    documents = List.copyOf(documents);
  }

  /** Whether the answer was a success (HTTP 200 without an error code). */
  public boolean ok() {
    return httpStatus == 200 && errorCode == null;
  }

  public String param(String name) {
    return params.get(name);
  }
}
