package dev.sendersbot.proof;

/**
 * Sizes of the proof suites: the CI default, multiplied by {@code -Dproof.scale=N} (see
 * docs/proof.md). A scale below 1 is allowed for a quick local look.
 */
final class ProofScale {
  private ProofScale() {}

  static double factor() {
    String s = System.getProperty("proof.scale", "1").strip();
    try {
      double f = Double.parseDouble(s);
      if (!(f > 0) || Double.isInfinite(f)) {
        throw new IllegalArgumentException("proof.scale must be a positive number: " + s);
      }
      return f;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("proof.scale must be a positive number: " + s, e);
    }
  }

  /** {@code base} times the scale, at least {@code min}. */
  static int scaled(int base, int min) {
    return (int) Math.max(min, Math.round(base * factor()));
  }
}
