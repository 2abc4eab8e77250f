package dev.sendersbot.chat;

import dev.sendersbot.access.AuditEntry;
import dev.sendersbot.access.AuditScope;
import dev.sendersbot.access.Decision;
import dev.sendersbot.smsc.SenderNames;
import dev.sendersbot.smsc.SubClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit entry of a command or press of a chat with access, before it runs: its arguments as the
 * command masks them and cut short, its name only when it is a valid sender name, and the
 * sub-client the chat is bound to now.
 */
final class AuditEntries {
  private static final Logger log = LoggerFactory.getLogger(AuditEntries.class);

  static final int MAX_ARGS = 300;

  /** How many of a name's newest entries {@link #lostAnswer} searches. */
  static final int LOOK_BACK = 20;

  private AuditEntries() {}

  /**
   * @param args asked for here: arguments that cannot be masked (the command failed to) are not
   *     kept at all
   * @param subject asked for here, so that failing to find one never stops the command
   */
  static AuditEntry of(
      Context ctx, String command, Supplier<String> args, Supplier<String> subject) {
    Decision d = ctx.decision;
    String masked = safely(args);
    String cut =
        masked == null
            ? "***"
            : masked.length() > MAX_ARGS ? masked.substring(0, MAX_ARGS) + "…" : masked;
    return new AuditEntry(
        0,
        ctx.now(),
        ctx.chat.id(),
        ctx.user.id(),
        ctx.user.username(),
        command,
        cut,
        subject(subject),
        decisionWord(d),
        null,
        d.subClient());
  }

  /**
   * Writes the outcome of the context's entry ({@code ctx.auditId}), whose command or press has
   * run; never throws. What it did (a name added, a name deleted) is done and already told: a
   * failing write must not add "Something went wrong" after it, which reads as if it had failed and
   * is done again. The entry keeps no outcome, and the log says which it was.
   */
  static void complete(Context ctx, String outcome) {
    try {
      ctx.deps().audit().complete(ctx.auditId, outcome);
    } catch (RuntimeException e) {
      log.error(
          "chat {}: could not write the outcome '{}' of audit entry {}",
          ctx.chat.id(),
          outcome,
          ctx.auditId,
          e);
    }
  }

  /**
   * When an earlier entry of {@code command} about {@code name} that {@code same} accepts ended
   * with no answer from the provider, or never ended (the process stopped in the middle, and
   * Telegram hands the update out again), and no later one settled it (the provider answered, or a
   * list showed the name), the moment it was asked: what it asked for may have been done. Entries
   * that stopped before asking anything (refused, bad input) settle nothing. The audit log keeps
   * them, so a restart in between forgets nothing.
   */
  static Optional<Instant> lostAnswer(
      Context ctx, String command, String name, Predicate<AuditEntry> same) {
    String sub = SubClient.normalise(ctx.sub());
    List<AuditEntry> newestFirst =
        ctx.deps()
            .audit()
            .about(name, sub == null ? AuditScope.ALL : AuditScope.of(sub), LOOK_BACK);
    for (AuditEntry e : newestFirst) {
      if (e.id() == ctx.auditId || !e.command().equals(command) || !same.test(e)) {
        continue;
      }
      String outcome = e.outcome();
      if (outcome == null || outcome.startsWith(Outcome.failed(Execution.UNREACHABLE))) {
        return Optional.of(e.at());
      }
      if (outcome.equals(Outcome.OK)
          || outcome.startsWith(Outcome.SMSC)
          || outcome.equals(Outcome.failed(AddCommand.EXISTS))) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The sender name a command or press is about, or null; never throws. */
  static String subject(Supplier<String> subject) {
    return senderName(safely(subject));
  }

  static String decisionWord(Decision d) {
    return d.allowed() ? d.reason() : "denied: " + d.reason();
  }

  /** The name column holds a valid sender name, as /history looks it up, or nothing. */
  static String senderName(String subject) {
    if (subject == null || subject.isBlank()) {
      return null;
    }
    try {
      return SenderNames.check(subject);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String safely(Supplier<String> s) {
    try {
      return s.get();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
