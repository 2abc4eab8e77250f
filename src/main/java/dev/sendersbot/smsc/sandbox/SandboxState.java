package dev.sendersbot.smsc.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's parts, and the way one senders.php request goes through them: the address block,
 * the credentials, the in-flight count, the faults a test asked for, then the operation; whatever
 * the answer, the request is logged. Each part keeps its own state and lock; {@link SmscSandbox}
 * reaches them through the fields for its control methods.
 */
final class SandboxState {
  private static final Logger log = LoggerFactory.getLogger(SmscSandbox.class);

  static final List<String> COMMANDS =
      List.of("get", "add", "chg", "send_code", "check_code", "del");

  final Limits limits = new Limits();
  final Faults faults = new Faults();
  final RequestLog requestLog = new RequestLog();
  final NameStore names;
  final Codes codes;
  private final Clock clock;
  private final Credentials credentials;
  private final NameOperations operations;

  SandboxState(SandboxOptions options) {
    this.clock = options.clock();
    this.credentials = new Credentials(options);
    this.names = new NameStore(clock, new AutoProgress(options));
    Random random = options.seed() == null ? new SecureRandom() : new Random(options.seed());
    this.codes = new Codes(names, random);
    this.operations = new NameOperations(names, limits, clock);
  }

  Clock clock() {
    return clock;
  }

  /** An answer to write back. */
  record Reply(int status, String contentType, byte[] body) {}

  Reply serve(String method, String remote, String contentType, Params p) {
    Instant arrival = clock.instant();
    String op = operation(p);
    Integer parsedFmt = fmt(p.get("fmt"));
    int fmt = parsedFmt == null ? 0 : parsedFmt;
    String login = p.text("login");
    String user = p.text("user");
    List<StoredDocument> docs = Documents.describe(p);
    String body;
    int status = 200;
    Integer error = null;
    String detail = null;
    String type =
        switch (fmt) {
          case 2 -> "text/xml";
          case 3 -> "application/json";
          default -> "text/plain";
        };
    try {
      limits.checkBlocked(remote, arrival);
      String account = credentials.authenticate(p);
      if (account == null) {
        limits.authFailed(remote, arrival);
        throw new ApiError(2, credentials.describeFailure(p));
      }
      login = account;
      try (Limits.Lease lease = limits.enter(account.toLowerCase(Locale.ROOT))) {
        faults.pause(op);
        Faults.Forced forced = faults.take(op, user);
        if (forced != null && forced.httpStatus() != 0) {
          status = forced.httpStatus();
          type = "text/html";
          body =
              "<html><head><title>"
                  + status
                  + "</title></head><body><h1>"
                  + status
                  + "</h1><p>The sandbox was told to fail this request.</p></body></html>";
        } else if (forced != null) {
          throw new ApiError(forced.errorCode(), "forced by the test");
        } else {
          // The order of checks is documented (docs/sandbox.md, "Authorisation and the IP
          // block"); clients' tests depend on which error wins when a request has several.
          if (p.problem() != null) {
            throw new ApiError(1, p.problem());
          }
          if (parsedFmt == null) {
            throw new ApiError(1, "fmt must be 0, 1, 2 or 3: '" + p.get("fmt") + "'");
          }
          body = run(op, p, account, user, clock.instant());
        }
      }
    } catch (ApiError e) {
      body = Responses.error(fmt, e.code(), e.description());
      error = e.code();
      detail = e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 503;
      type = "text/plain";
      body = "sandbox shutting down";
    }
    requestLog.record(
        new RecordedRequest(
            arrival,
            method,
            remote,
            contentType,
            op,
            RequestLog.masked(p.values()),
            p.queryNames(),
            docs,
            login,
            user,
            status,
            error,
            detail));
    if (log.isDebugEnabled()) {
      log.debug(
          "{} {} {} -> {}{}",
          method,
          op,
          RequestLog.logSafe(p.values()),
          status,
          error == null ? "" : " error " + error + " (" + detail + ")");
    }
    return new Reply(status, type + "; charset=" + p.charset().name(), body.getBytes(p.charset()));
  }

  private String run(String op, Params p, String account, String user, Instant now)
      throws ApiError {
    if (op.equals("none")) {
      throw new ApiError(1, "no command flag (get, add, chg, send_code, check_code or del)");
    }
    if (op.contains("+")) {
      throw new ApiError(1, "more than one command flag: " + op);
    }
    int fmt = fmt(p.get("fmt"));
    return switch (op) {
      case "get" -> operations.list(p, account, user, now, fmt);
      case "add" -> Responses.id(fmt, operations.add(p, account, user, now));
      case "chg" -> {
        operations.change(p, user, now);
        yield Responses.ok(fmt);
      }
      case "send_code" -> {
        codes.send(p, user, now);
        yield Responses.ok(fmt);
      }
      case "check_code" -> {
        codes.check(p, user, now);
        yield Responses.ok(fmt);
      }
      case "del" -> {
        operations.delete(p, user);
        yield Responses.ok(fmt);
      }
      default -> throw new IllegalStateException(op);
    };
  }

  /** The command flag set; {@code none}, or several joined with '+' (both refused with error 1). */
  static String operation(Params p) {
    List<String> set = new ArrayList<>();
    for (String c : COMMANDS) {
      if (p.flag(c)) {
        set.add(c);
      }
    }
    return set.isEmpty() ? "none" : String.join("+", set);
  }

  /** fmt 0-3, blank as 0; null for anything else. */
  private static Integer fmt(String raw) {
    if (raw == null || raw.isBlank()) {
      return 0;
    }
    return switch (raw.strip()) {
      case "0" -> 0;
      case "1" -> 1;
      case "2" -> 2;
      case "3" -> 3;
      default -> null;
    };
  }

  /** Forgets names, codes, rate windows, blocks and the request log (faults are the caller's). */
  void reset() {
    synchronized (names) {
      names.clear();
      codes.clear();
      limits.reset();
      requestLog.clear();
    }
  }
}
