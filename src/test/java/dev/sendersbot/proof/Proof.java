package dev.sendersbot.proof;

import java.util.Locale;

/** The figures the coordinator copies into BENCHMARKS.md: one stdout line each, "PROOF: ...". */
final class Proof {
  private Proof() {}

  static void figure(String suite, String format, Object... args) {
    String line = "PROOF: " + suite + ": " + String.format(Locale.ROOT, format, args);
    System.out.println(line);
  }
}
