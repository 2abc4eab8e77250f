package dev.sendersbot.smsc.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * send_code and check_code: a six-digit code "texted" to a number, at most one per number every 8
 * hours, and a right code adding (or allowing) that number as a digital name of the owner who
 * asked.
 *
 * <p>Both run under the {@link NameStore}'s lock, because check_code changes a name in the same
 * step as it takes the code; this class's own monitor, always taken inside the store's, guards its
 * maps for {@link #sent()}, which the control interface reads without the store.
 */
final class Codes {
  static final Duration CODE_RETRY = Duration.ofHours(8);

  private final NameStore store;
  private final Random random;
  // guarded by this
  private final Map<String, Instant> sentAt = new HashMap<>();
  private final Map<String, String> pending = new HashMap<>();
  private final List<SentCode> sent = new ArrayList<>();

  /**
   * @param random where codes come from: seeded in tests, so a run can be repeated
   */
  Codes(NameStore store, Random random) {
    this.store = store;
    this.random = random;
  }

  void send(Params p, String user, Instant now) throws ApiError {
    String raw = p.text("sender");
    if (raw == null) {
      throw new ApiError(1, "send_code without sender");
    }
    String phone = SenderRules.checkPhone(raw);
    String site = p.text("site");
    synchronized (store) {
      store.progress(now);
      if (site != null) {
        NameEntry s = store.byName(user, SenderRules.normalise(site));
        if (s == null || s.moderation != 1) {
          throw new ApiError(
              3, "site sender '" + site + "' is not an activated name" + NameStore.forUser(user));
        }
      }
      if (phone.endsWith("0000")) {
        throw new ApiError(8, "numbers ending in 0000 are undeliverable in the sandbox");
      }
      synchronized (this) {
        // The wait is per number, whoever asks: the provider protects the phone, not the account.
        Instant last = sentAt.get(phone);
        if (last != null && now.isBefore(last.plus(CODE_RETRY))) {
          throw new ApiError(
              10,
              "a code went to " + phone + " at " + last + "; next after " + last.plus(CODE_RETRY));
        }
        String code = Integer.toString(100_000 + random.nextInt(900_000));
        sentAt.put(phone, now);
        pending.put(NameStore.key(user, phone), code);
        sent.add(new SentCode(phone, code, user, now, site, p.text("site_name")));
      }
    }
  }

  void check(Params p, String user, Instant now) throws ApiError {
    String raw = p.text("sender");
    String code = p.text("code");
    if (raw == null || code == null) {
      throw new ApiError(1, "check_code needs sender and code");
    }
    String phone = SenderRules.checkPhone(raw);
    synchronized (store) {
      store.progress(now);
      synchronized (this) {
        String expected = pending.get(NameStore.key(user, phone));
        if (expected == null) {
          throw new ApiError(11, "no code is waiting for " + phone + NameStore.forUser(user));
        }
        if (!Credentials.constantTimeEquals(expected, code)) {
          throw new ApiError(11, "wrong code for " + phone);
        }
        pending.remove(NameStore.key(user, phone));
      }
      NameEntry e = store.byName(user, phone);
      if (e == null) {
        e = store.create(phone, user, now, false);
        store.put(e);
      }
      e.setModeration(1, now);
    }
  }

  /** Every code sent, oldest first. */
  synchronized List<SentCode> sent() {
    return List.copyOf(sent);
  }

  synchronized void clear() {
    sentAt.clear();
    pending.clear();
    sent.clear();
  }
}
