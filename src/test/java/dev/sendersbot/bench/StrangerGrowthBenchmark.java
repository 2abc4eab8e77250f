package dev.sendersbot.bench;

import dev.sendersbot.chat.ChatCore;
import dev.sendersbot.chat.ChatRef;
import dev.sendersbot.chat.Incoming;
import dev.sendersbot.chat.UserRef;
import dev.sendersbot.cli.ProofBridge;
import dev.sendersbot.config.Config;
import dev.sendersbot.config.ConfigLoader;
import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import dev.sendersbot.store.Database;
import dev.sendersbot.testing.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;

/**
 * How much a flood of strangers grows the database: 100,000 messages and button presses from
 * unknown chats, most from chats that write once, the rest from a few chatty ones, with long
 * arguments (4,000-character names, long texts, codes), through the chat core as {@code run}
 * assembles it into a real SQLite file. Time moves one second of the bot's clock per update, so the
 * flood spans about 28 hours and many hourly counts. The provider is never called (a stranger
 * cannot cause a request); replies go to a messenger that only counts them.
 *
 * <p>Prints the growth of the file and its WAL, each measured after a {@code
 * wal_checkpoint(TRUNCATE)}, the time the updates took, and what was written. Run it with
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.sendersbot.bench.StrangerGrowthBenchmark
 * </pre>
 *
 * <p>{@code -Dexec.args="--messages 10000 --chatty 5 --keep"} changes the size, the number of
 * chatty chats, and keeps the database folder.
 */
public final class StrangerGrowthBenchmark {
  static final long OWNER = 4242;
  static final String BOT = "SendersBot";
  static final String LONG = "X".repeat(4000);

  private StrangerGrowthBenchmark() {}

  public static void main(String[] args) throws Exception {
    int messages = 100_000;
    int chatty = 10;
    double chattyShare = 0.1;
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--messages" -> messages = Integer.parseInt(args[++i]);
        case "--chatty" -> chatty = Integer.parseInt(args[++i]);
        case "--chatty-share" -> chattyShare = Double.parseDouble(args[++i]);
        case "--keep" -> keep = true;
        default ->
            throw new IllegalArgumentException(
                "unknown flag "
                    + args[i]
                    + "; use --messages N, --chatty N, --chatty-share F, --keep");
      }
    }
    Path dir = Files.createTempDirectory("stranger-growth");
    Path file = dir.resolve("bot.db");
    Config config =
        new ConfigLoader(
                Map.of(
                    "SENDERS_BOT_OWNERS", Long.toString(OWNER),
                    "SMSC_BASE_URL",
                        "http://127.0.0.1:9", // never called: strangers cause no request
                    "SMSC_LOGIN", "bench",
                    "SMSC_PASSWORD", "never-sent",
                    "SENDERS_BOT_DATABASE", file.toString()),
                dir)
            .loadWithoutFile();
    FakeClock clock = new FakeClock(Instant.parse("2026-03-02T09:00:00Z"));
    OkHttpClient http = ProofBridge.httpClient();
    Counting out = new Counting();
    Random random = new Random(20260302L);
    try (ProofBridge.Parts parts = ProofBridge.assemble(config, clock, http, out, BOT)) {
      Database db = parts.stores().database();
      long before = checkpointedSize(file);
      ChatCore core = parts.core();
      long distinct = 0;
      long start = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        boolean fromChatty = random.nextDouble() < chattyShare;
        long chatId =
            fromChatty
                ? -1_000_000_000_000L - random.nextInt(chatty)
                : -2_000_000_000_000L - distinct++;
        boolean group = fromChatty || i % 3 != 0;
        ChatRef chat =
            group
                ? new ChatRef(
                    chatId, ChatRef.Type.SUPERGROUP, "Flood " + LONG.substring(0, 200), null)
                : ChatRef.privateChat(-chatId);
        UserRef user = new UserRef(group ? 700_000_000L + i : -chatId, "u" + i, "Stranger " + i);
        core.handle(update(i, chat, user, random), out);
        clock.advance(Duration.ofSeconds(1));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long after = checkpointedSize(file);
      System.out.printf(
          Locale.ROOT,
          "BENCH: stranger growth: %,d updates from unknown chats (%,d chats"
              + " writing once, %d chatty chats with %.0f%% of the updates; 4,000-character arguments)"
              + " over %.1f h of the bot's clock%n",
          messages,
          distinct,
          chatty,
          chattyShare * 100,
          messages / 3600.0);
      System.out.printf(
          Locale.ROOT,
          "BENCH: database growth: %,d bytes (%.3f MB): file with its WAL"
              + " after wal_checkpoint(TRUNCATE), %,d before the flood and %,d after%n",
          after - before,
          (after - before) / 1e6,
          before,
          after);
      System.out.printf(
          Locale.ROOT,
          "BENCH: time: %.1f s for the %,d updates (%,.0f updates/s, %.1f µs" + " each)%n",
          seconds,
          messages,
          messages / seconds,
          seconds * 1e6 / messages);
      System.out.printf(
          Locale.ROOT,
          "BENCH: replies sent to unknown chats: %,d; toasts: %,d; access"
              + " requests to the owner: %,d%n",
          out.toStrangers.get(),
          out.toasts.get(),
          out.toOwner.get());
      System.out.printf(
          Locale.ROOT,
          "BENCH: rows: audit %d, stranger_hits %d (counting %,d answered),"
              + " access_requests %d, button_actions %d%n",
          count(db, "audit"),
          count(db, "stranger_hits"),
          longValue(db, "SELECT coalesce(sum(count), 0) FROM stranger_hits"),
          count(db, "access_requests"),
          count(db, "button_actions"));
    } finally {
      http.dispatcher().executorService().shutdownNow();
      http.connectionPool().evictAll();
      if (keep) {
        System.out.println("BENCH: kept " + dir);
      } else {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  /** A message or press of the kinds strangers send, most with long arguments. */
  private static Incoming update(int i, ChatRef chat, UserRef user, Random random) {
    long updateId = 1_000_000L + i;
    int messageId = 1 + i;
    String text =
        switch (random.nextInt(8)) {
          case 0 -> "/sender " + LONG;
          case 1 -> "/del SHOP" + i;
          case 2 -> "/confirm 338824 please " + LONG.substring(0, 100);
          case 3 -> "/start";
          case 4 -> "/add " + LONG + " «" + LONG + "»";
          case 5 -> "/whatever@" + BOT + " " + LONG;
          case 6 -> LONG + LONG; // plain text, answered in private only
          default -> null; // a button press with forged data
        };
    if (text == null) {
      return new Incoming.Callback(
          updateId, chat, user, "cb" + i, messageId, LONG.substring(0, 64));
    }
    return new Incoming.Message(updateId, chat, user, messageId, text, null, null, false);
  }

  /** The file and its WAL, after a checkpoint that empties the WAL into the file. */
  private static long checkpointedSize(Path file) throws SQLException, IOException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    long size = 0;
    for (String suffix : List.of("", "-wal")) {
      Path p = Path.of(file + suffix);
      if (Files.exists(p)) {
        size += Files.size(p);
      }
    }
    return size;
  }

  private static long count(Database db, String table) {
    return longValue(db, "SELECT count(*) FROM " + table);
  }

  private static long longValue(Database db, String sql) {
    return db.read(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /** Counts what the bot says, and to whom. */
  static final class Counting implements Messenger {
    final AtomicLong toStrangers = new AtomicLong();
    final AtomicLong toOwner = new AtomicLong();
    final AtomicLong toasts = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public int send(long chatId, Integer topicId, Reply reply) {
      (chatId == OWNER ? toOwner : toStrangers).incrementAndGet();
      return (int) ids.incrementAndGet();
    }

    @Override
    public void edit(long chatId, int messageId, Reply reply) {}

    @Override
    public boolean delete(long chatId, int messageId) {
      return true;
    }

    @Override
    public void answerCallback(String callbackId, String toast) {
      toasts.incrementAndGet();
    }

    @Override
    public byte[] download(Attachment file, long maxBytes) {
      return new byte[0];
    }
  }
}
