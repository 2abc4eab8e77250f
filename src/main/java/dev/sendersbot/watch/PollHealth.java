package dev.sendersbot.watch;

import dev.sendersbot.gateway.GatewayRefusal;
import dev.sendersbot.i18n.Markup;
import dev.sendersbot.i18n.ProviderWords;
import dev.sendersbot.message.Html;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscErrorCode;
import dev.sendersbot.smsc.SmscException;
import dev.sendersbot.status.Wording;
import dev.sendersbot.watch.Outbox.Kind;
import dev.sendersbot.watch.Outbox.NewMessage;
import dev.sendersbot.watch.WatchStore.State;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a poll's failures mean for the watcher's health: which kind of trouble each is, whether it
 * counts toward the owners' alert, and the alert and all-clear themselves.
 *
 * <p>A poll the bot's own budget held back is skipped, not failed: the provider was never asked, so
 * it says nothing about whether the provider can be read, and the owners hear nothing of it. Only
 * the provider's and the network's failures (and the database's) count.
 */
final class PollHealth {
  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  /** Failed polls in a row before the owners are alerted (credentials and IP blocks: at once). */
  static final int FAILURES_TO_ALERT = 3;

  /** Why a scope could not be read. */
  enum Trouble {
    CREDENTIALS(true, true),
    IP_BLOCKED(true, true),
    SUSPENDED(true, true),
    /** The bot's own budget held the request back; the provider was not asked. */
    OWN_BUDGET(false, false),
    /** The provider or the network failed, or slowed the bot down (error 9, an open circuit). */
    ERROR(false, true);

    /** Whether the owners hear of it at once rather than after repeated failures. */
    final boolean urgent;

    /** Whether it counts as a failed poll at all. */
    final boolean counts;

    Trouble(boolean urgent, boolean counts) {
      this.urgent = urgent;
      this.counts = counts;
    }
  }

  /**
   * @param words in English, for the log and the stored state
   * @param gatewaysWords the words are the gateway's, not the provider's answer about this scope:
   *     they may quote another scope's last error
   * @param said the same in the reader's words, without the scope
   */
  record Failure(Trouble trouble, String scope, String words, boolean gatewaysWords, Wording said)
      implements Wording {
    /** Words that are data only (an unexpected failure's). */
    Failure(Trouble trouble, String scope, String words) {
      this(trouble, scope, words, false, HealthWords.verbatim(words));
    }

    /** A provider error code, said in the reader's words when the bundles know it. */
    Failure(Trouble trouble, String scope, String words, boolean gatewaysWords, int providerCode) {
      this(
          trouble,
          scope,
          words,
          gatewaysWords,
          t ->
              ProviderWords.knowsError(t, providerCode)
                  ? t.t(
                      "health.smscError",
                      Integer.toString(providerCode),
                      t.m("smsc.error." + providerCode))
                  : Html.escape(words));
    }

    /** In English, for the log and the watcher's stored state. */
    String describe() {
      String what = scope.isEmpty() ? words : "sub-client " + scope + ": " + words;
      return trouble == Trouble.OWN_BUDGET
          ? "skipped: held back by the bot's budget (" + what + ")"
          : what;
    }

    /** In the reader's words, as Telegram HTML, naming the scope. */
    @Override
    public String html(dev.sendersbot.i18n.Texts t) {
      String w = said.html(t);
      String what = scope.isEmpty() ? w : t.t("health.scope", scope, new Markup(w));
      return trouble == Trouble.OWN_BUDGET ? t.t("health.budget", new Markup(what)) : what;
    }
  }

  /** The gateway answered from its cache instead of asking the provider. */
  static final class HeldBack extends RuntimeException {
    final Trouble trouble;
    final transient Wording said;

    HeldBack(Trouble trouble, String words, Wording said) {
      super(words, null, false, false);
      this.trouble = trouble;
      this.said = said;
    }
  }

  private final Set<Long> owners;
  private final Readers readers;

  PollHealth(Set<Long> owners, Readers readers) {
    this.owners = new TreeSet<>(owners);
    this.readers = readers;
  }

  /** The trouble reading {@code scope} met; unexpected exceptions are logged. */
  static Failure classify(String scope, RuntimeException e) {
    if (e instanceof HeldBack h) {
      return new Failure(h.trouble, scope, h.getMessage(), true, h.said);
    }
    if (e instanceof GatewayRefusal r) {
      Trouble t =
          switch (r.reason()) {
            case CREDENTIALS -> Trouble.CREDENTIALS;
            case IP_BLOCKED -> Trouble.IP_BLOCKED;
            case BUDGET -> Trouble.OWN_BUDGET;
            // Both began with the provider: its error 9, or its failures to answer.
            case COOL_DOWN, CIRCUIT_OPEN -> Trouble.ERROR;
          };
      // The bot's own refusal names the share that is spent; the others are the provider's.
      return new Failure(
          t,
          scope,
          t == Trouble.OWN_BUDGET ? r.getMessage() : r.explanation(),
          true,
          HealthWords.of(r));
    }
    if (e instanceof SmscError err) {
      Trouble t =
          err.is(SmscErrorCode.CREDENTIALS)
              ? Trouble.CREDENTIALS
              : err.is(SmscErrorCode.IP_BLOCKED) ? Trouble.IP_BLOCKED : Trouble.ERROR;
      return new Failure(t, scope, err.explanation(), false, HealthWords.of(err));
    }
    if (e instanceof SmscException se) {
      return new Failure(Trouble.ERROR, scope, se.explanation(), false, HealthWords.of(se));
    }
    log.warn("watcher: reading the names of scope '{}' failed", scope, e);
    return new Failure(Trouble.ERROR, scope, e.toString());
  }

  /** The poll's failures in words, the worst first; null when there were none. */
  static String words(List<Failure> failures) {
    return failures.isEmpty() ? null : worst(failures).describe();
  }

  /** The failure the stored state names after a poll with counted failures; empty without. */
  static Optional<Failure> worstCounted(List<Failure> failures) {
    List<Failure> counted = failures.stream().filter(f -> f.trouble().counts).toList();
    return counted.isEmpty() ? Optional.empty() : Optional.of(worst(counted));
  }

  private static Failure worst(List<Failure> failures) {
    return failures.stream()
        .filter(f -> f.trouble().urgent)
        .findFirst()
        .or(() -> failures.stream().filter(f -> f.trouble().counts).findFirst())
        .orElse(failures.get(0));
  }

  /**
   * The watcher's health after this poll; adds the owners' alert when trouble begins (at once for
   * rejected credentials, a blocked IP or a suspension; after {@value #FAILURES_TO_ALERT} failed
   * polls otherwise) and their all-clear when it ends, once each. A poll only held back by the
   * bot's budget changes neither the count nor the alert.
   */
  State next(
      State st, List<Failure> failures, boolean readSome, Instant now, List<NewMessage> out) {
    List<Failure> counted = failures.stream().filter(f -> f.trouble().counts).toList();
    String alerted = st.alerted();
    if (counted.isEmpty() && !readSome && !failures.isEmpty()) {
      // Skipped: the provider was not asked. Shown as the last error only while nothing else is.
      String error = st.failures() > 0 ? st.lastError() : words(failures);
      return new State(st.polls() + 1, now, st.lastSuccessAt(), st.failures(), error, alerted);
    }
    if (counted.isEmpty()) {
      if (alerted != null) {
        notifyOwners(out, t -> Texts.recovered(t, st.lastSuccessAt(), now));
        log.info("watcher: recovered from {}", alerted);
        alerted = null;
      }
      return new State(st.polls() + 1, now, now, 0, null, alerted);
    }
    Failure worst = worst(counted);
    int inARow = st.failures() + 1;
    String words = worst.describe();
    if (alerted == null && (worst.trouble().urgent || inARow >= FAILURES_TO_ALERT)) {
      boolean urgent = worst.trouble().urgent;
      notifyOwners(
          out,
          t -> {
            String why =
                urgent ? worst.html(t) : t.t("health.inARow", new Markup(worst.html(t)), inARow);
            return Texts.troubleAlert(t, why, st.lastSuccessAt(), now);
          });
      log.warn(
          "watcher: alerting the owners: {}",
          urgent ? words : words + " (" + inARow + " polls in a row have failed)");
      alerted = worst.trouble().name().toLowerCase(Locale.ROOT);
    }
    return new State(st.polls() + 1, now, st.lastSuccessAt(), inARow, words, alerted);
  }

  private void notifyOwners(
      List<NewMessage> out, java.util.function.Function<dev.sendersbot.i18n.Texts, String> text) {
    if (owners.isEmpty()) {
      log.warn("watcher: no owner to tell: {}", text.apply(Readers.ENGLISH_UTC.of(0)));
    }
    for (long owner : owners) {
      // An owner's private chat has the owner's user id as its chat id, and its own language.
      out.add(
          new NewMessage(owner, null, Kind.NOTICE, text.apply(readers.of(owner)), true, List.of()));
    }
  }

  /**
   * Why each scope was not read, in words fit for that scope's chats: they name no other sub-client
   * and quote no other sub-client's error.
   */
  static Map<String, Wording> perScope(
      Set<String> wanted, Set<String> read, List<Failure> failures) {
    Map<String, Wording> errors = new HashMap<>();
    Failure stop = null;
    for (Failure f : failures) {
      // A held-back list's words quote the gateway's last error, which may be another scope's.
      errors.put(f.scope(), f.gatewaysWords() ? HealthWords.heldBackThisTime() : f.said());
      stop = f.trouble().urgent ? f : stop;
    }
    for (String scope : wanted) {
      if (stop != null && !read.contains(scope) && !errors.containsKey(scope)) {
        errors.put(scope, HealthWords.notRead(stop.trouble()));
      }
    }
    return Map.copyOf(errors);
  }
}
