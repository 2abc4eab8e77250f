package dev.sendersbot.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.cli.Harness;
import dev.sendersbot.testing.TestClocks;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code senders-bot demo} used the way the README's quick start tells a person to: the same wiring
 * as the command, a console made of scripted typing and a captured screen.
 */
class DemoConsoleTest {
  private static final Pattern SMS =
      Pattern.compile("SMS to \\+79990001122: your confirmation code is (\\d{6})");
  private static final Pattern DELETE_BUTTON = Pattern.compile("\\[(\\d+)] 🗑 Delete shop_demo");

  /** What an HTML tag or entity left in a reply would look like on the screen. */
  private static final Pattern MARKUP =
      Pattern.compile(
          "</?(b|i|u|s|code|pre|a|tg-spoiler|blockquote)\\b[^>]*>" + "|&(lt|gt|amp|quot|#\\d+);");

  /**
   * Typing, one line at a time: the console reads the next line only after it has answered the
   * previous one, so each line may be made from what the screen shows by then (a code, a button's
   * number), as a person would.
   */
  static final class Typist extends BufferedReader {
    private final Deque<Function<String, String>> lines = new ArrayDeque<>();
    private final ByteArrayOutputStream screen;
    final List<String> typed = new ArrayList<>();
    final List<Integer> screenBefore = new ArrayList<>();

    Typist(ByteArrayOutputStream screen) {
      super(Reader.nullReader());
      this.screen = screen;
    }

    Typist type(String line) {
      return type(s -> line);
    }

    Typist type(Function<String, String> line) {
      lines.add(line);
      return this;
    }

    @Override
    public String readLine() {
      Function<String, String> next = lines.poll();
      if (next == null) {
        return null; // Ctrl-D
      }
      String shown = screen.toString(StandardCharsets.UTF_8);
      screenBefore.add(shown.length());
      String line = next.apply(shown);
      typed.add(line);
      return line;
    }

    /** What the console printed after the i-th line was typed, up to the next one. */
    String answerTo(int i) {
      String all = screen.toString(StandardCharsets.UTF_8);
      int from = screenBefore.get(i);
      int to = i + 1 < screenBefore.size() ? screenBefore.get(i + 1) : all.length();
      return all.substring(from, to);
    }
  }

  private static String find(Pattern p, String screen) {
    Matcher m = p.matcher(screen);
    String found = null;
    while (m.find()) {
      found = m.group(1);
    }
    if (found == null) {
      throw new AssertionError("the screen shows no " + p + ":\n" + screen);
    }
    return found;
  }

  @Test
  void aPersonFollowingTheQuickStartGetsCorrectReadableAnswers() throws IOException {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(screen, true, StandardCharsets.UTF_8);
    Typist keyboard =
        new Typist(screen)
            .type("/help")
            .type("/senders")
            .type("/add shop_demo")
            .type("/sendcode 79990001122")
            .type(s -> "/confirm " + find(SMS, s))
            .type("/del shop_demo")
            .type(s -> find(DELETE_BUTTON, s))
            .type("/sender shop_demo")
            .type("/quit");

    // Written in English: the demo reads ui.language, which ships as Russian.
    assertEquals(0, Harness.demo(keyboard, out, TestClocks.ticking(TestClocks.suiteStart()), "en"));
    String all = screen.toString(StandardCharsets.UTF_8);

    assertTrue(all.contains("senders-bot demo"), "a short guide first:\n" + all);
    String help = keyboard.answerTo(0);
    assertTrue(help.contains("/senders [all] [filter]") && help.contains("/del NAME"), help);
    String senders = keyboard.answerTo(1);
    assertTrue(senders.contains("SHOP24 — allowed"), senders);
    assertTrue(senders.contains("not accepted by the operator"), "statuses in words: " + senders);
    String added = keyboard.answerTo(2);
    assertTrue(added.contains("Added shop_demo"), added);
    assertTrue(
        added.matches("(?s).*\\[1] MTS.*\\(type a number to press a button\\).*"),
        "numbered buttons: " + added);
    String sent = keyboard.answerTo(3);
    assertTrue(sent.contains("A confirmation code was sent by SMS to 79990001122"), sent);
    assertTrue(SMS.matcher(sent).find(), "the code the sandbox texted is shown: " + sent);
    String confirmed = keyboard.answerTo(4);
    assertTrue(confirmed.contains("79990001122 is confirmed"), confirmed);
    String ask = keyboard.answerTo(5);
    assertTrue(ask.contains("Delete shop_demo? This cannot be undone."), ask);
    String deleted = keyboard.answerTo(6);
    assertTrue(deleted.contains("shop_demo deleted by @you"), deleted);
    String gone = keyboard.answerTo(7);
    assertTrue(gone.contains("shop_demo is not among this chat's sender names"), gone);
    assertTrue(all.strip().endsWith("Bye."), all);

    // The bot's answers are plain text: every tag and entity of its HTML was turned into text.
    String answers = all.substring(keyboard.screenBefore.get(0));
    Matcher markup = MARKUP.matcher(answers);
    assertFalse(markup.find(), () -> "markup on the screen: " + markup.group() + "\n" + answers);
    assertFalse(answers.contains("Something went wrong"), answers);
  }

  // Why: the console stood for Telegram's reply to the code prompt with a reply to no message,
  // so with two codes pending the right code typed at the prompt got "I understand commands that
  // start with /", and a wrong answer never heard "send only the digits".
  @Test
  void aCodeTypedAtThePromptAnswersThatPromptWithTwoCodesPending() throws IOException {
    Pattern second = Pattern.compile("SMS to \\+79991234567: your confirmation code is (\\d{6})");
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(screen, true, StandardCharsets.UTF_8);
    Typist keyboard =
        new Typist(screen)
            .type("/sendcode 79990001122")
            .type("hello")
            .type("/sendcode 79991234567")
            .type(s -> find(second, s))
            .type("/quit");

    assertEquals(0, Harness.demo(keyboard, out, TestClocks.ticking(TestClocks.suiteStart()), "en"));

    String notDigits = keyboard.answerTo(1);
    assertTrue(notDigits.contains("only the digits"), notDigits);
    String confirmed = keyboard.answerTo(3);
    assertTrue(confirmed.contains("79991234567 is confirmed"), confirmed);
  }

  @Test
  void aRussianReaderGetsTheConsolesOwnLinesInRussian() throws IOException {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(screen, true, StandardCharsets.UTF_8);
    Typist keyboard =
        new Typist(screen)
            .type("/help")
            .type("/add shop_demo")
            .type("9")
            .type("/sendcode 79990001122")
            .type("/quit");

    assertEquals(0, Harness.demo(keyboard, out, TestClocks.ticking(TestClocks.suiteStart()), "ru"));
    String all = screen.toString(StandardCharsets.UTF_8);

    assertTrue(all.startsWith("Демо senders-bot"), "the guide in Russian:\n" + all);
    assertTrue(all.contains("Статусы проверяются раз в 1 мин"), "its interval in words:\n" + all);
    assertFalse(all.contains("A console chat"), all);
    assertTrue(
        keyboard.answerTo(0).contains("команды, доступные этому чату"), keyboard.answerTo(0));
    String added = keyboard.answerTo(1);
    assertTrue(added.contains("(наберите номер, чтобы нажать кнопку)"), added);
    assertFalse(added.contains("type a number"), added);
    assertTrue(
        Pattern.compile("SMS на \\+79990001122: ваш код подтверждения \\d{6}")
            .matcher(keyboard.answerTo(3))
            .find(),
        keyboard.answerTo(3));
    assertTrue(
        keyboard.answerTo(2).contains("(на последнем сообщении нет кнопки 9)"),
        keyboard.answerTo(2));
    assertTrue(all.strip().endsWith("До свидания."), all);
  }
}
