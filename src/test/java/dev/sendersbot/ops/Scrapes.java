package dev.sendersbot.ops;

import java.util.OptionalDouble;

/** Reads one series out of Prometheus text format. */
final class Scrapes {
  private Scrapes() {}

  /** The value of the series written exactly so ({@code name{label="v",...}}), if present. */
  static OptionalDouble value(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        return OptionalDouble.of(Double.parseDouble(line.substring(series.length() + 1).strip()));
      }
    }
    return OptionalDouble.empty();
  }

  static double valueOf(String scrape, String series) {
    return value(scrape, series)
        .orElseThrow(() -> new AssertionError("no series " + series + " in\n" + scrape));
  }
}
