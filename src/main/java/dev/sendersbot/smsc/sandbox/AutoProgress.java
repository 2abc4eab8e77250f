package dev.sendersbot.smsc.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;

/**
 * Moves statuses along when auto-progression is on (for the demo), lazily and by schedule: each
 * step happens {@code progressStep} after the previous one, dated then, whenever the sandbox is
 * next asked, so the outcome does not depend on when anybody looks. Moderation 0 becomes 1 (not for
 * digital names, which wait for a code); an operator goes 0, 1, then 2 for most names, 3 or 8 for
 * about one in ten each, decided by the seed and the name.
 *
 * <p>Not thread-safe: the {@link NameStore} that owns it calls it under its lock.
 */
final class AutoProgress {
  private final boolean on;
  private final Duration step;
  private final long seed;

  /** Nothing is due before this; MIN: look again. Saves walking every name on every request. */
  private Instant next = Instant.MIN;

  AutoProgress(SandboxOptions options) {
    this.on = options.autoProgress();
    this.step = options.progressStep();
    this.seed = options.seed() == null ? 0x5EEDL : options.seed();
  }

  /** A status or a name changed: the next {@link #advance} looks at every name again. */
  void reschedule() {
    next = Instant.MIN;
  }

  /** Takes every step due by {@code now}. */
  void advance(Iterable<NameEntry> entries, Instant now) {
    if (!on || now.isBefore(next)) {
      return;
    }
    Instant soonest = Instant.MAX;
    for (NameEntry e : entries) {
      if (e.moderation == 0 && !e.digital()) {
        Instant due = e.moderationSince.plus(step);
        if (!now.isBefore(due)) {
          e.setModeration(1, due);
        } else if (due.isBefore(soonest)) {
          soonest = due;
        }
      }
      for (String flag : new ArrayList<>(e.operators.keySet())) {
        while (true) {
          int s = e.operators.get(flag);
          if (s != 0 && s != 1) {
            break;
          }
          Instant due = e.operatorChangedAt.get(flag).plus(step);
          if (now.isBefore(due)) {
            if (due.isBefore(soonest)) {
              soonest = due;
            }
            break;
          }
          e.setOperator(flag, s == 0 ? 1 : outcome(e, flag), due);
        }
      }
    }
    next = soonest;
  }

  /** Most registrations end allowed; about one in ten rejected, one in ten asking for documents. */
  int outcome(NameEntry e, String flag) {
    if (e.resubmitted.contains(flag)) {
      return 2;
    }
    long h = mix(seed ^ (e.name.toLowerCase(Locale.ROOT) + "/" + flag).hashCode());
    int r = (int) Math.floorMod(h, 10L);
    return r == 0 ? 3 : r == 1 ? 8 : 2;
  }

  // SplitMix64's finaliser: spreads a String hash over all 64 bits before taking it modulo 10.
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
