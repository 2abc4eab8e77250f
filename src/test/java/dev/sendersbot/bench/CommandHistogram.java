package dev.sendersbot.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bot's own {@code sendersbot_command_seconds} histogram, scraped from its {@code /metrics}:
 * the time from an update's arrival to its first reply handed to Telegram, inside the process (no
 * fake Bot API, no polling in it). Two scrapes around a phase give that phase's distribution.
 *
 * @param buckets cumulative count per upper bound in seconds
 */
record CommandHistogram(TreeMap<Double, Long> buckets, double sum, long count) {
  private static final Pattern BUCKET =
      Pattern.compile("^sendersbot_command_seconds_bucket\\{le=\"([^\"]+)\"\\} ([0-9.eE+]+)$");
  private static final Pattern TOTAL =
      Pattern.compile("^sendersbot_command_seconds_(sum|count) ([0-9.eE+-]+)$");

  static Optional<CommandHistogram> scrape(BotProcessBenchmark.Child child) {
    Optional<String> address = child.logMatch(BotProcessBenchmark.OPS_ADDRESS);
    if (address.isEmpty()) {
      return Optional.empty();
    }
    try {
      String body =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://" + address.get() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return Optional.of(parse(body));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  static CommandHistogram parse(String body) {
    TreeMap<Double, Long> buckets = new TreeMap<>();
    double sum = 0;
    long count = 0;
    for (String line : body.split("\n")) {
      Matcher b = BUCKET.matcher(line.strip());
      if (b.matches()) {
        double le =
            b.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(b.group(1));
        buckets.put(le, (long) Double.parseDouble(b.group(2)));
        continue;
      }
      Matcher t = TOTAL.matcher(line.strip());
      if (t.matches()) {
        if (t.group(1).equals("sum")) {
          sum = Double.parseDouble(t.group(2));
        } else {
          count = (long) Double.parseDouble(t.group(2));
        }
      }
    }
    return new CommandHistogram(buckets, sum, count);
  }

  CommandHistogram minus(CommandHistogram earlier) {
    TreeMap<Double, Long> d = new TreeMap<>();
    for (Map.Entry<Double, Long> e : buckets.entrySet()) {
      d.put(e.getKey(), e.getValue() - earlier.buckets.getOrDefault(e.getKey(), 0L));
    }
    return new CommandHistogram(d, sum - earlier.sum, count - earlier.count);
  }

  /** The upper bound of the bucket holding the {@code p}-th percentile, in ms. */
  double percentileAtMost(double p) {
    long need = (long) Math.ceil(p / 100.0 * count);
    for (Map.Entry<Double, Long> e : buckets.entrySet()) {
      if (e.getValue() >= need) {
        return e.getKey() * 1000;
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  static void report(Optional<CommandHistogram> before, Optional<CommandHistogram> after) {
    if (before.isEmpty() || after.isEmpty() || after.get().buckets.isEmpty()) {
      System.out.println(
          "BENCH: latency | in-bot | skipped: no sendersbot_command_seconds scraped");
      return;
    }
    CommandHistogram h = after.get().minus(before.get());
    System.out.println(
        String.format(
            Locale.ROOT,
            "BENCH: latency | in-bot | p50 <= %s ms, p99 <= %s ms, mean %.2f ms over %d commands"
                + " (sendersbot_command_seconds: update's arrival to first reply handed to"
                + " Telegram; bounds are the histogram's buckets)",
            bound(h.percentileAtMost(50)),
            bound(h.percentileAtMost(99)),
            h.count == 0 ? 0 : h.sum * 1000 / h.count,
            h.count));
  }

  private static String bound(double ms) {
    return Double.isInfinite(ms) ? "inf" : String.format(Locale.ROOT, "%.2f", ms);
  }
}
