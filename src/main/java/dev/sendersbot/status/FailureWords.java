package dev.sendersbot.status;

import dev.sendersbot.i18n.ProviderWords;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscException;
import dev.sendersbot.smsc.SmscTransportException;
import java.util.Optional;

/**
 * A failed provider call in the reader's words, one way for every place that says it ({@code
 * /status}'s last error, the watcher's poll lines and alerts): a code the bundles know is said in
 * them, in every language, the operation too, because the provider's own description may be in a
 * language the reader does not read; what only the provider said (an unknown code's text) is quoted
 * as data.
 */
public final class FailureWords {
  private FailureWords() {}

  /** The failure of a provider call naming the operation, for example {@code list}. */
  public static Wording of(SmscException e) {
    if (e instanceof SmscTransportException x) {
      String key = "status.failure.transport." + x.kind().name();
      return t -> t.t(key);
    }
    // SmscException is sealed: what is not the transport is the provider's error.
    SmscError err = (SmscError) e;
    int code = err.rawCode();
    boolean recognised = err.code().isPresent();
    String operation = err.operation();
    String description = err.description();
    Optional<String> own = SmscError.ownWords(code, description);
    String c = Integer.toString(code);
    return t -> {
      // The operation in the reader's words: "list" is the provider's, not the reader's.
      String op = t.has("status.op." + operation) ? t.t("status.op." + operation) : operation;
      if (recognised && ProviderWords.knowsError(t, code)) {
        return t.t("status.failure.known", op, c, t.m("smsc.error." + c));
      }
      if (recognised) {
        return description == null
            ? t.t("status.failure.knownBare", op, c)
            : t.t("status.failure.known", op, c, description);
      }
      if (code <= 0) {
        return own.map(d -> t.t("status.failure.noCodeSays", op, d))
            .orElseGet(() -> t.t("status.failure.noCode", op));
      }
      return own.map(d -> t.t("status.failure.unknownSays", op, c, d))
          .orElseGet(() -> t.t("status.failure.unknown", op, c));
    };
  }
}
