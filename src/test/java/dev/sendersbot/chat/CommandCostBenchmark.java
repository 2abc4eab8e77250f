package dev.sendersbot.chat;

import dev.sendersbot.access.Role;
import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * What one warm command costs inside the chat core, on the real stack ({@link TestBot#overSandbox}:
 * the caching gateway with a warm list, SQLite in a temporary folder, the shipped bundles): wall
 * time and CPU time of the handling thread from the update to its first reply handed on, and the
 * bytes it allocated, per command. CPU time and allocation do not depend on the machine's load, so
 * they are the figures to compare on a shared machine. A main program printing {@code BENCH:} lines
 * (docs/bench.md), not a test.
 */
public final class CommandCostBenchmark {
  private CommandCostBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    try (TestBot bot = TestBot.overSandbox()) {
      bot.sandbox.bulkSeed(200); // as the process benchmark
      var chat = bot.groupWith(-1001, Role.OPERATOR, null);
      var user = TestBot.user(5, "en");
      List<String> commands = List.of("/senders", "/status", "/help", "/id");
      FirstReply out = new FirstReply();
      for (int i = 0; i < 300; i++) { // warm: the list cached, the code compiled
        for (String c : commands) {
          bot.core.handle(bot.message(chat, user, c), out);
        }
      }
      for (String c : commands) {
        long[] wall = new long[rounds];
        long[] cpu = new long[rounds];
        long[] bytes = new long[rounds];
        long me = Thread.currentThread().getId();
        for (int i = 0; i < rounds; i++) {
          var m = bot.message(chat, user, c);
          out.reset();
          long a0 = threads.getThreadAllocatedBytes(me);
          long c0 = threads.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          bot.core.handle(m, out);
          long t1 = out.firstAt == 0 ? System.nanoTime() : out.firstAt;
          cpu[i] = threads.getCurrentThreadCpuTime() - c0;
          bytes[i] = threads.getThreadAllocatedBytes(me) - a0;
          wall[i] = t1 - t0;
        }
        System.out.println(
            String.format(
                    Locale.ROOT,
                    "BENCH: command-cost | %-9s | wall to first reply p50 %.3f ms p99 %.3f ms;"
                        + " whole handling CPU p50 %.3f ms p99 %.3f ms; %.0f KB allocated (median)",
                    c,
                    pct(wall, 50),
                    pct(wall, 99),
                    pct(cpu, 50),
                    pct(cpu, 99),
                    pct(bytes, 50) * 1e6 / 1024)
                + "; reply "
                + out.firstHtml.length()
                + " chars: "
                + out.firstHtml
                    .substring(0, Math.min(60, out.firstHtml.length()))
                    .replace('\n', ' '));
      }
    }
  }

  private static double pct(long[] values, int p) {
    long[] s = values.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
  }

  /** Notes when the first reply is handed on, and drops it. */
  private static final class FirstReply implements Messenger {
    long firstAt;
    int next = 1;
    String firstHtml = "";

    void reset() {
      firstAt = 0;
    }

    private int first() {
      if (firstAt == 0) {
        firstAt = System.nanoTime();
      }
      return next++;
    }

    @Override
    public int send(long chatId, Integer topicId, Reply reply) {
      if (firstAt == 0) {
        firstHtml = reply.html();
      }
      return first();
    }

    @Override
    public int send(long chatId, Integer topicId, Reply reply, BooleanSupplier stillWanted) {
      return first();
    }

    @Override
    public void edit(long chatId, int messageId, Reply reply) {
      first();
    }

    @Override
    public boolean delete(long chatId, int messageId) {
      return true;
    }

    @Override
    public void answerCallback(String callbackId, String toast) {
      first();
    }

    @Override
    public byte[] download(Attachment file, long maxBytes) {
      return new byte[0];
    }
  }
}
