package dev.sendersbot.watch;

import static dev.sendersbot.watch.WatcherNotificationTest.ops;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.gateway.GatewayRefusal;
import dev.sendersbot.i18n.Lang;
import dev.sendersbot.i18n.Messages;
import dev.sendersbot.i18n.Texts;
import dev.sendersbot.message.Html;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.smsc.SmscTransportException;
import dev.sendersbot.status.WatcherStatus;
import dev.sendersbot.status.Wording;
import dev.sendersbot.watch.RecordingMessenger.Sent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why the watcher could not read names reaches a reader in their language: a sub-client chat's
 * {@code /status}, the account's {@code /status} and the owners' alerts, over a real watcher and
 * its SQLite file. The English stays in the log and the stored state.
 */
class HealthWordsTest {
  static final long SHOP_CHAT = -300;
  static final String SHOP = "shop1";
  static final Texts RU = Texts.of(Lang.RU, ZoneId.of("Europe/Moscow"));
  static final Texts PSEUDO = new Texts(Messages.pseudo(), Lang.EN, ZoneId.of("UTC"));

  /** Latin words a Russian text may hold: the provider's name and the IP of "IP-адрес". */
  static final Set<String> LATIN_ALLOWED = Set.of("SMSC", "IP");

  private static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}");

  @TempDir Path dir;
  WatchRig rig;

  @BeforeEach
  void setUp() {
    rig = new WatchRig(dir);
    rig.readers = chat -> RU;
    rig.reopen();
    rig.grant(SHOP_CHAT, SHOP);
    rig.gateway.add(null, "ALPHA", 1, ops("mts_step", 1));
    rig.gateway.add(SHOP, "BETA", 1, ops("mts_step", 1));
    rig.poll();
  }

  @AfterEach
  void tearDown() {
    rig.close();
  }

  private static SmscTransportException timeout() {
    return new SmscTransportException(SmscTransportException.Kind.TIMEOUT, "read timed out", null);
  }

  /** What the shop's chat's /status says after "Последняя проверка не удалась:". */
  private String shopsReason() {
    WatcherStatus.ScopeHealth h = rig.watcher.status().scopes().get(SHOP);
    Wording w = h == null ? null : h.lastError();
    return w == null ? null : Html.visibleText(w.html(RU));
  }

  private String accountReason() {
    Wording w = rig.watcher.status().lastError();
    return w == null ? null : Html.visibleText(w.html(RU));
  }

  private List<String> toOwner() {
    rig.drain();
    return rig.sentTo(WatchRig.OWNER).stream().map(Sent::text).toList();
  }

  /** The Latin words left once the data is taken out. */
  private static List<String> latin(String text, Set<String> allowed, String... data) {
    String rest = text;
    for (String d : data) {
      rest = rest.replace(d, " ");
    }
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(rest);
    while (m.find()) {
      if (!allowed.contains(m.group())) {
        words.add(m.group());
      }
    }
    return words;
  }

  private static void assertRussian(String text, String... data) {
    assertTrue(text != null && !text.isBlank(), "a reason is given");
    assertTrue(text.matches("(?s).*[А-Яа-яЁё].*"), "in Russian: " + text);
    List<String> left = latin(text, LATIN_ALLOWED, data);
    assertTrue(left.isEmpty(), "English words " + left + " in " + text);
  }

  @Test
  void rejectedCredentialsInRussian() {
    rig.gateway.failNext(new SmscError("list sender names", 2, "invalid login or password"));
    rig.nextPoll();

    String shop = shopsReason();
    assertEquals("не прочитано: провайдер отклонил учётные данные аккаунта", shop);
    assertRussian(shop);
    String account = accountReason();
    assertTrue(account.startsWith("Ошибка SMSC 2: неверный логин или пароль"), account);
    assertRussian(account);

    List<String> alerts = toOwner();
    assertEquals(1, alerts.size(), "the owner hears at once: " + alerts);
    assertTrue(alerts.get(0).contains("Ошибка SMSC 2: неверный логин или пароль"), alerts.get(0));
    assertRussian(alerts.get(0));
  }

  @Test
  void aListHeldBackInRussian() {
    rig.gateway.staleNext(2, null);
    rig.nextPoll();

    String shop = shopsReason();
    assertEquals("на этот раз не прочитано: бот придержал запросы к провайдеру", shop);
    assertRussian(shop);
    assertTrue(toOwner().isEmpty(), "the bot's own budget is no trouble to tell the owners of");
  }

  @Test
  void aSuspensionHeldBackInRussianAlertsTheOwnersAtOnce() {
    rig.gateway.staleNext(2, "credentials rejected");
    rig.nextPoll();

    String account = accountReason();
    assertTrue(
        account.startsWith("обращения к провайдеру приостановлены: credentials rejected"), account);
    assertRussian(account, "credentials rejected");
    List<String> alerts = toOwner();
    assertEquals(1, alerts.size(), alerts.toString());
    assertTrue(alerts.get(0).contains("обращения к провайдеру приостановлены"), alerts.get(0));
    assertRussian(alerts.get(0), "credentials rejected");
  }

  @Test
  void aTimeoutInRussianAndTheOwnersAlertAfterThreePolls() {
    for (int i = 0; i < 3; i++) {
      rig.gateway.failNext(timeout(), timeout());
      rig.nextPoll();
    }

    String shop = shopsReason();
    assertEquals("провайдер не ответил вовремя", shop);
    String account = accountReason();
    assertEquals("провайдер не ответил вовремя", account);

    List<String> alerts = toOwner();
    assertEquals(1, alerts.size(), alerts.toString());
    assertTrue(
        alerts.get(0).contains("провайдер не ответил вовремя (3 проверки подряд не удались)"),
        alerts.get(0));
    assertRussian(alerts.get(0));
  }

  @Test
  void aRefusalInRussian() {
    rig.gateway.failNext(
        new GatewayRefusal(GatewayRefusal.Reason.CIRCUIT_OPEN, Duration.ofSeconds(30), "open"),
        new GatewayRefusal(GatewayRefusal.Reason.CIRCUIT_OPEN, Duration.ofSeconds(30), "open"));
    rig.nextPoll();

    String account = accountReason();
    assertEquals("провайдер не отвечает; бот осторожно проверяет его", account);
    // The gateway's words may be another sub-client's: the shop hears only that it was held back.
    assertEquals("на этот раз не прочитано: бот придержал запросы к провайдеру", shopsReason());
  }

  /** Every wording of the watcher's health, rendered over the pseudo-locale: no plain word left. */
  @Test
  void noWordOfTheHealthIsBuiltInCode() {
    Map<String, Wording> all = new LinkedHashMap<>();
    all.put("timeout", HealthWords.of(timeout()));
    all.put(
        "known error",
        HealthWords.of(new SmscError("list sender names", 2, "invalid login or password")));
    all.put("unknown error", HealthWords.of(new SmscError("list sender names", 77, "zork")));
    all.put("no code", HealthWords.of(new SmscError("list sender names", 0, null)));
    for (GatewayRefusal.Reason r : GatewayRefusal.Reason.values()) {
      all.put("refusal " + r, HealthWords.of(new GatewayRefusal(r, null, "x")));
    }
    all.put("cached, budget", HealthWords.cached(false, null));
    all.put("cached, trouble", HealthWords.cached(true, null));
    all.put("database", HealthWords.database("zork"));
    all.put("held back this time", HealthWords.heldBackThisTime());
    for (PollHealth.Trouble t : PollHealth.Trouble.values()) {
      all.put("not read " + t, HealthWords.notRead(t));
    }
    all.put(
        "scoped, held back",
        new PollHealth.Failure(
            PollHealth.Trouble.OWN_BUDGET, SHOP, "spent", true, HealthWords.cached(false, null)));
    all.forEach(
        (what, w) -> {
          String text = Html.visibleText(w.html(PSEUDO));
          List<String> left = latin(text, Set.of(), "list sender names", "zork", SHOP);
          assertTrue(left.isEmpty(), what + " has words built in code: " + left + " in " + text);
          String ru = Html.visibleText(w.html(RU));
          assertRussian(ru, "list sender names", "zork", SHOP);
        });
  }
}
