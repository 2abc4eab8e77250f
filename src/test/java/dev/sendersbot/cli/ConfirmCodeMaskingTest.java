package dev.sendersbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.sendersbot.access.ChatGrant;
import dev.sendersbot.access.Role;
import dev.sendersbot.chat.ChatRef;
import dev.sendersbot.chat.Incoming;
import dev.sendersbot.chat.UserRef;
import dev.sendersbot.config.Config;
import dev.sendersbot.config.ConfigLoader;
import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.Button;
import dev.sendersbot.message.Messenger;
import dev.sendersbot.message.Reply;
import dev.sendersbot.ops.Metrics;
import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.testing.FakeClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;
import okhttp3.OkHttpClient;
import org.slf4j.LoggerFactory;

/**
 * A confirmation code typed anywhere among the arguments, next to a phone number, words,
 * punctuation and quotes, in a /confirm command or as a reply to the bot's prompt, survives
 * nowhere: not in any column of the audit table, not in /history or /audit, not in any reply, not
 * in any log event, not in the metrics. Through the bot as {@code run} assembles it: the chat core,
 * the SQLite file, the counting audit log, the caching gateway talking HTTP to the SMSC sandbox,
 * and a Prometheus registry.
 */
class ConfirmCodeMaskingTest {
  static final long OWNER = 4242;
  static final long OPERATOR_USER = 7;
  static final String BOT = "SendersBot";

  private Path dir;
  private SmscSandbox sandbox;
  private OkHttpClient http;
  private Assembly bot;
  private PrometheusMeterRegistry registry;
  private Metrics metrics;
  static final String YEAR = "2026";
  private final FakeClock clock = new FakeClock(Instant.parse(YEAR + "-03-02T09:00:00Z"));
  private final Recorder out = new Recorder();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger appLogger = (Logger) LoggerFactory.getLogger("dev.sendersbot");
  private Level appLevel;
  private int tryNo;
  private long nextUpdate = 1_000_000_000_000L;
  private int nextMessage = 1_000_000_000;

  /** One arrangement: how it is sent and its pieces, {code} and {phone} filled in at run time. */
  record Typed(
      String form,
      List<String> pieces,
      List<String> separators,
      boolean realCode,
      String otherCode) {
    String text(String code, String phone) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < pieces.size(); i++) {
        if (i > 0) {
          b.append(separators.get(i % separators.size()));
        }
        b.append(pieces.get(i).replace("{code}", code).replace("{phone}", phone));
      }
      return form.equals("reply") || form.equals("bare") ? b.toString() : form + b;
    }
  }

  @BeforeProperty
  void start() throws IOException {
    dir = Files.createTempDirectory("confirm-masking");
    ZoneId moscow = ZoneId.of("Europe/Moscow");
    sandbox =
        SmscSandbox.start(
            SandboxOptions.defaults().withClock(clock.withZone(moscow)).withSeed(20260302L));
    http = ProcessHttp.create();
    Map<String, String> env =
        Map.of(
            "SENDERS_BOT_OWNERS", Long.toString(OWNER),
            "SMSC_BASE_URL", sandbox.baseUrl().toString(),
            "SMSC_LOGIN", sandbox.login(),
            "SMSC_PASSWORD", sandbox.password(),
            "SENDERS_BOT_DATABASE", dir.resolve("bot.db").toString());
    Config config = new ConfigLoader(env, dir).loadWithoutFile();
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    metrics = Metrics.on(registry);
    bot = Assembly.build(config, clock, http, out, BOT, metrics);
    appLevel = appLogger.getLevel();
    appLogger.setLevel(Level.DEBUG);
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterProperty
  void stop() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    appLogger.setLevel(appLevel);
    if (bot != null) {
      bot.close();
    }
    ProcessHttp.close(http);
    sandbox.close();
    metrics.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Property(tries = 250)
  void noConfirmationCodeSurvivesAnyArrangement(@ForAll("arrangements") Typed typed) {
    check(typed);
  }

  /** {@code /confirm 338824 please}, one of the issue's two examples. */
  @Example
  void aCodeBeforeAWord() {
    check(new Typed("/confirm ", List.of("{code}", "please"), List.of(" "), true, ""));
  }

  /** {@code /confirm 338824, 79991234567}, the other. */
  @Example
  void aCodeWithACommaBeforeThePhone() {
    check(new Typed("/confirm ", List.of("{code},", "{phone}"), List.of(" "), true, ""));
  }

  private void check(Typed typed) {
    tryNo++;
    clock.advance(Duration.ofMinutes(2)); // the gateway's budget for creations refills
    ChatRef ops = new ChatRef(-1_001_234_500_000L - tryNo, ChatRef.Type.SUPERGROUP, "Ops", null);
    bot.stores
        .chats()
        .grant(new ChatGrant(ops.id(), Role.OPERATOR, null, "Ops", OWNER, clock.instant()));
    UserRef alice = new UserRef(OPERATOR_USER, "alice", "Alice");
    String phone = String.format("7999%07d", tryNo);
    int prompt = say(ops, alice, "/sendcode " + phone, null);
    String sent =
        sandbox
            .lastCode(phone)
            .orElseThrow(() -> new AssertionError("no code sent to " + phone))
            .code();
    String code = typed.realCode() ? sent : typed.otherCode();
    String text = typed.text(code, phone);
    out.clear();
    logs.list.clear();

    Incoming.ReplyTo to =
        typed.form().equals("reply")
            ? new Incoming.ReplyTo(prompt, true, "Reply to this message with the code", null)
            : null;
    say(ops, alice, text, to);
    Statistics.label("outcome")
        .collect(
            bot.stores.audit().recent(1).stream()
                .filter(e -> e.chatId() == ops.id() && e.command().equals("confirm"))
                .map(e -> e.outcome().replaceAll("[0-9]+", "N"))
                .findFirst()
                .orElse("no /confirm run"));
    ChatRef owner = ChatRef.privateChat(OWNER);
    UserRef ownerUser = new UserRef(OWNER, "owner", "Owner");
    say(owner, ownerUser, "/history " + phone, null);
    say(owner, ownerUser, "/audit 100", null);

    Pattern secret = Pattern.compile("(?<![0-9])" + code + "(?![0-9])");
    List<String> leaks = new ArrayList<>();
    for (String row : auditRows()) {
      if (secret.matcher(row).find()) {
        leaks.add("audit row: " + row);
      }
    }
    for (String said : out.texts()) {
      if (secret.matcher(said).find()) {
        leaks.add("message: " + said);
      }
    }
    for (String line : logLines()) {
      if (secret.matcher(line).find()) {
        leaks.add("log: " + line);
      }
    }
    String scrape = registry.scrape();
    if (secret.matcher(scrape).find()) {
      leaks.add("metrics: " + scrape);
    }
    if (!leaks.isEmpty()) {
      leaks.replaceAll(l -> l.length() > 400 ? l.substring(0, 400) + "…" : l);
      fail("code " + code + " typed as «" + text + "» survives:\n" + String.join("\n", leaks));
    }
    assertEquals(List.of(), out.rejected);
  }

  @Provide
  Arbitrary<Typed> arrangements() {
    Arbitrary<String> form =
        Arbitraries.of(
            "/confirm ", "/confirm@" + BOT + " ", "/CONFIRM ", "/confirm\n", "reply", "bare");
    Arbitrary<String> prefix =
        Arbitraries.of("", "", "", "«", "\"", "“", "„", "(", "code:", "#", "код ");
    Arbitrary<String> suffix =
        Arbitraries.of("", "", "", ",", ".", "!", "»", "\"", "”", ")", ";", ":");
    Arbitrary<String> core =
        Arbitraries.of(
            "{phone}",
            "+{phone}",
            "please",
            "код",
            "the",
            "SMS",
            "спасибо",
            "ok",
            "12",
            "-",
            "«",
            "»");
    Arbitrary<String> extra = Combinators.combine(prefix, core, suffix).as((p, c, s) -> p + c + s);
    Arbitrary<String> codePiece =
        Combinators.combine(prefix, suffix).as((p, s) -> p + "{code}" + s);
    Arbitrary<List<String>> mixed =
        Combinators.combine(
                codePiece, extra.list().ofMaxSize(4), Arbitraries.integers().between(0, 4))
            .as(
                (c, others, at) -> {
                  List<String> all = new ArrayList<>(others);
                  all.add(Math.min(at, all.size()), c);
                  return all;
                });
    // The forms the bot accepts, so the checks with the provider (right and wrong codes) run too.
    Arbitrary<List<String>> proper =
        Arbitraries.of(
            List.of("{code}"), List.of("{phone}", "{code}"), List.of("+{phone}", "{code}"));
    Arbitrary<List<String>> pieces =
        Arbitraries.frequencyOf(Tuple.of(1, proper), Tuple.of(3, mixed));
    Arbitrary<List<String>> separators =
        Arbitraries.of(" ", "  ", "\n", ", ", " - ", "\t").list().ofMinSize(1).ofMaxSize(3);
    // A wrong code that happens to be a number the world prints anyway (the owner's id, the
    // clock's year) would be found in the log without having leaked.
    Arbitrary<String> otherCode =
        Arbitraries.strings()
            .numeric()
            .ofMinLength(4)
            .ofMaxLength(8)
            .filter(c -> !c.equals(Long.toString(OWNER)) && !c.equals(YEAR));
    return Combinators.combine(form, pieces, separators, Arbitraries.of(true, false), otherCode)
        .as(Typed::new);
  }

  // ---- the bot

  private int say(ChatRef chat, UserRef user, String text, Incoming.ReplyTo to) {
    int id = nextMessage++;
    int before = out.lastId;
    bot.core.handle(new Incoming.Message(nextUpdate++, chat, user, id, text, null, to, false), out);
    return out.lastId == before ? 0 : out.lastId;
  }

  private List<String> auditRows() {
    return bot.database.read(
        c -> {
          List<String> rows = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement("SELECT * FROM audit");
              ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
              StringBuilder b = new StringBuilder();
              for (int i = 1; i <= md.getColumnCount(); i++) {
                b.append(md.getColumnName(i)).append('=').append(rs.getString(i)).append(" | ");
              }
              rows.add(b.toString());
            }
          }
          return rows;
        });
  }

  // The sandbox is the provider's side: it sees the code by protocol, and so does the JDK's HTTP
  // server under it.
  private List<String> logLines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : List.copyOf(logs.list)) {
      String name = e.getLoggerName();
      if (name.startsWith("dev.sendersbot.smsc.sandbox")
          || name.startsWith("com.sun.net.httpserver")) {
        continue;
      }
      StringBuilder b = new StringBuilder(name).append(' ').append(e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        b.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      }
      lines.add(b.toString());
    }
    return lines;
  }

  /** Everything the bot says: messages, edits, button labels and toasts. */
  static final class Recorder implements Messenger {
    private final List<String> said = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();
    int lastId = 1_500_000_000;

    synchronized List<String> texts() {
      return List.copyOf(said);
    }

    synchronized void clear() {
      said.clear();
    }

    private void record(long chatId, Reply r) {
      StringBuilder b = new StringBuilder("to ").append(chatId).append(": ").append(r.html());
      for (List<Button> row : r.keyboard()) {
        for (Button button : row) {
          b.append(" [").append(button.text()).append("]");
        }
      }
      said.add(b.toString());
    }

    @Override
    public synchronized int send(long chatId, Integer topicId, Reply reply) {
      record(chatId, reply);
      return ++lastId;
    }

    @Override
    public synchronized void edit(long chatId, int messageId, Reply reply) {
      record(chatId, reply);
    }

    @Override
    public boolean delete(long chatId, int messageId) {
      return true;
    }

    @Override
    public synchronized void answerCallback(String callbackId, String toast) {
      said.add("toast: " + toast);
    }

    @Override
    public byte[] download(Attachment file, long maxBytes) {
      rejected.add("download");
      return new byte[0];
    }
  }
}
