package dev.sendersbot.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.sendersbot.smsc.SendersAnswers.BadAnswer;
import dev.sendersbot.smsc.SendersAnswers.Page;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

/**
 * The streaming list reader against the tree reader it replaced for lists: on generated answers of
 * every shape the client tolerates (numbers as strings and strings as numbers, blank and odd
 * values, unknown fields of any type, a field given twice, entries that are not names, answers cut
 * off or followed by more), both give the same names, fields in the same order, and the same
 * complaint.
 */
class ListReaderParityTest {

  // jqwik runs no JUnit Jupiter extension: one server and client for the class, made here.
  private static MockWebServer server;
  private static OkHttpClient shared;
  private static SendersApi api;

  @BeforeContainer
  static void startServer() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    shared = Fixtures.sharedClient();
    api =
        SmscClients.http(
            Fixtures.settings(Fixtures.baseUrl(server), SmscServerExtension.PATIENT), shared);
  }

  @AfterContainer
  static void stopServer() throws IOException {
    Fixtures.close(shared);
    server.shutdown();
  }

  @Property(tries = 1500)
  void theStreamingReaderReadsWhatTheTreeReaderReads(@ForAll("answers") String answer) {
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    assertEquals(viaTree(bytes), viaStream(bytes), answer);
  }

  @Property(tries = 300)
  void cutOffOrFollowedByMoreTheyComplainAlike(
      @ForAll("answers") String answer, @ForAll("damage") String damage) {
    String damaged =
        damage.equals("cut") ? answer.substring(0, answer.length() * 2 / 3) : answer + damage;
    byte[] bytes = damaged.getBytes(StandardCharsets.UTF_8);
    assertEquals(viaTree(bytes), viaStream(bytes), damaged);
  }

  /** Through the whole client over HTTP: the list it returns is the tree reader's. */
  @Property(tries = 150)
  void theClientOverHttpListsWhatTheTreeReaderReads(@ForAll("answers") String answer) {
    server.enqueue(
        new MockResponse().setHeader("Content-Type", "application/json").setBody(answer));
    List<Sender> listed;
    try {
      // The activated names' list: one request whatever the answer carries.
      listed = api.list(new ListQuery(false, false, null, null, null, null));
    } catch (SmscTransportException e) {
      // The tree reader's complaint, as the client words it after the host.
      assertEquals(
          viaTree(answer.getBytes(StandardCharsets.UTF_8)),
          "bad: " + e.getMessage().substring(e.getMessage().indexOf(": ") + 2),
          answer);
      return;
    }
    String tree = viaTree(answer.getBytes(StandardCharsets.UTF_8));
    assertEquals(tree.substring(tree.indexOf('\n') + 1), describe(listed, -1), answer);
  }

  // --- the two readers, each described the same way ----------------------------------------------

  private static String viaTree(byte[] bytes) {
    try {
      Page page = SendersAnswers.page(SendersAnswers.tree(bytes));
      return describe(page.senders(), page.entries());
    } catch (BadAnswer e) {
      return "bad: " + e.getMessage();
    }
  }

  private static String viaStream(byte[] bytes) {
    try (JsonParser p = SendersAnswers.parser(new ByteArrayInputStream(bytes))) {
      Page page = ListReader.read(p);
      return describe(page.senders(), page.entries());
    } catch (JsonEOFException e) {
      return "bad: truncated JSON";
    } catch (JsonProcessingException e) {
      return "bad: not JSON";
    } catch (IOException e) {
      return "bad: unreadable answer";
    } catch (BadAnswer e) {
      return "bad: " + e.getMessage();
    }
  }

  /** Every field in its order, so an order that differs shows; the tree's entry count optional. */
  private static String describe(List<Sender> senders, int entries) {
    String names =
        senders.stream()
            .map(
                s ->
                    s.id()
                        + " "
                        + s.name()
                        + " mod="
                        + s.moderation()
                        + " ops="
                        + s.operators().entrySet()
                        + " extra="
                        + s.extra().entrySet())
            .collect(Collectors.joining("\n"));
    return (entries < 0 ? "" : entries + " entries\n") + names;
  }

  // --- generated answers ------------------------------------------------------------------------

  @Provide
  Arbitrary<String> damage() {
    return Arbitraries.of("cut", " ", "\n", " x", "]", " {}", " [1]", ",", " null");
  }

  @Provide
  Arbitrary<String> answers() {
    return entry().list().ofMaxSize(8).map(es -> "[" + String.join(", ", es) + "]");
  }

  private static Arbitrary<String> entry() {
    Arbitrary<String> object =
        field().list().ofMaxSize(10).map(fs -> "{" + String.join(",  ", fs) + "}");
    Arbitrary<String> other =
        Arbitraries.of("\"SMSC.RU\"", "null", "[1, {\"id\": 2}]", "5", "{}", "true");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, object), net.jqwik.api.Tuple.of(1, other));
  }

  private static Arbitrary<String> field() {
    Arbitrary<String> sender =
        Combinators.combine(Arbitraries.just("sender"), names()).as(ListReaderParityTest::pair);
    Arbitrary<String> id =
        Combinators.combine(Arbitraries.just("id"), wholes()).as(ListReaderParityTest::pair);
    Arbitrary<String> status =
        Combinators.combine(Arbitraries.just("status"), wholes()).as(ListReaderParityTest::pair);
    List<String> flags = new ArrayList<>();
    Operators.KNOWN.forEach(o -> flags.add(o.flag()));
    flags.addAll(List.of("sber_step", "by_reg", "mts_status", "mega_status", "zz_int"));
    Arbitrary<String> operator =
        Combinators.combine(Arbitraries.of(flags), wholes()).as(ListReaderParityTest::pair);
    Arbitrary<String> unknown =
        Combinators.combine(
                Arbitraries.of("cmt", "created", "mega_analog", "price", "flags", "x"), anything())
            .as(ListReaderParityTest::pair);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, sender),
        net.jqwik.api.Tuple.of(3, id),
        net.jqwik.api.Tuple.of(2, status),
        net.jqwik.api.Tuple.of(6, operator),
        net.jqwik.api.Tuple.of(2, unknown));
  }

  private static String pair(String key, String value) {
    return "\"" + key + "\": " + value;
  }

  private static Arbitrary<String> names() {
    return Arbitraries.oneOf(
        Arbitraries.strings()
            .withChars("ABCxyz_.-09 é\"\\\t")
            .ofMaxLength(12)
            .map(ListReaderParityTest::quote),
        Arbitraries.of(
            "79991234567",
            "\"\"",
            "\"  \"",
            "null",
            "true",
            "1.5",
            "-0",
            "{\"x\": 1}",
            "[]",
            "99999999999999999999",
            "1e400",
            "\"\\u00e9t\\u00e9\""));
  }

  /** Ids, moderation and operator codes, in every spelling the client reads or refuses. */
  private static Arbitrary<String> wholes() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-3, 12).map(String::valueOf),
        Arbitraries.integers().between(-3, 12).map(i -> "\"" + i + "\""),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.of(
            "\" 5 \"",
            "\"+7\"",
            "\"2.0\"",
            "\"2.\"",
            "\"2.5\"",
            "2.0",
            "2.5",
            "1e2",
            "1e400",
            "\"\"",
            "\"  \"",
            "\"x\"",
            "null",
            "true",
            "{}",
            "[2]",
            "\"99999999999\"",
            "99999999999",
            "\"1234567890123456789\"",
            "9223372036854775808",
            "-9223372036854775808",
            "\"\\u0032\"",
            "\"\\u00a05\""));
  }

  private static Arbitrary<String> anything() {
    return Arbitraries.oneOf(
        wholes(),
        names(),
        Arbitraries.of(
            "12.5",
            "-0.0",
            "1E3",
            "\"наш магазин\"",
            "[\"a\", 1, {\"b\": [null]}]",
            "{\"sender\": \"SMSC\", \"status\": \"2\"}",
            "false",
            "\"a\\nb\\u0001\""));
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
