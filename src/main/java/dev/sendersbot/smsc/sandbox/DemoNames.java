package dev.sendersbot.smsc.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The few plausible names {@code senders-bot sandbox} and the demo start with. */
final class DemoNames {
  private DemoNames() {}

  static void seed(NameStore store) {
    // One step under the store's lock: nobody sees half the demo.
    synchronized (store) {
      Instant now = store.clock().instant();
      Instant week = now.minus(Duration.ofDays(7));
      Instant day = now.minus(Duration.ofDays(1));
      store.seed(
          new NameSeed(
              "SHOP24",
              null,
              "main shop brand",
              1,
              ordered("mts_step", 2, "mega_step", 2, "bee_step", 2, "tele2_step", 2),
              week,
              Map.of()));
      store.seed(
          new NameSeed(
              "Acme",
              null,
              "promo mailings",
              1,
              ordered("mts_step", 2, "mega_step", 3, "bee_step", 1),
              day,
              Map.of()));
      store.seed(
          new NameSeed(
              "TaxiFast",
              null,
              "taxi notifications",
              1,
              ordered("mts_step", 1, "mega_step", 8),
              day,
              Map.of()));
      store.seed(
          new NameSeed("Old-Promo", null, "retired", 2, ordered("mts_step", 4), week, Map.of()));
      store.seed(new NameSeed("79991234567", null, "support line", 1, Map.of(), week, Map.of()));
      store.seed(
          new NameSeed(
              "NewBrand",
              null,
              "waiting for moderation",
              0,
              ordered("mts_step", 0, "bee_step", 0),
              now,
              Map.of()));
      store.seed(
          new NameSeed(
              "Bakery",
              "branch1",
              "sub-client's name",
              1,
              ordered("mts_step", 2, "tele2", 2),
              week,
              Map.of()));
    }
  }

  /** Operator statuses in the order given: the {@code operators=1} list follows it. */
  private static Map<String, Integer> ordered(Object... flagsAndStatuses) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < flagsAndStatuses.length; i += 2) {
      m.put((String) flagsAndStatuses[i], (Integer) flagsAndStatuses[i + 1]);
    }
    return m;
  }
}
