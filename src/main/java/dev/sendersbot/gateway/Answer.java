package dev.sendersbot.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A provider answer with its age.
 *
 * @param value the answer
 * @param fetchedAt when the provider produced it
 * @param stale true when it was served past its freshness because the budget or the provider's
 *     state did not allow a new request, or when a list wanted fresh was not asked anew (the
 *     holdback says why)
 * @param holdback why a list wanted fresh came from the cache; null when the answer is not stale or
 *     the gateway cannot say
 */
public record Answer<T>(T value, Instant fetchedAt, boolean stale, Holdback holdback) {
  public Answer {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    if (holdback != null && !stale) {
      throw new IllegalArgumentException("a fresh answer was not held back: " + holdback);
    }
  }

  public Answer(T value, Instant fetchedAt, boolean stale) {
    this(value, fetchedAt, stale, null);
  }

  public Duration age(Instant now) {
    Duration d = Duration.between(fetchedAt, now);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
