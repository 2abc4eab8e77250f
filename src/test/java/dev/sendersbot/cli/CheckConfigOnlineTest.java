package dev.sendersbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.telegram.FakeBotApi;
import dev.sendersbot.testing.FakesEnvironment;
import dev.sendersbot.testing.TestClocks;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check-config --online}: one request to the provider and one getMe, over real HTTP. */
class CheckConfigOnlineTest {
  @TempDir Path dir;
  private SmscSandbox sandbox;
  private FakeBotApi telegram;

  @BeforeEach
  void start() {
    sandbox =
        SmscSandbox.start(
            SandboxOptions.defaults()
                .withClock(
                    TestClocks.ticking(TestClocks.suiteStart())
                        .withZone(ZoneId.of("Europe/Moscow"))));
    telegram = FakeBotApi.start();
  }

  @AfterEach
  void stop() {
    telegram.close();
    sandbox.close();
  }

  private Map<String, String> env(String password, String token) {
    Map<String, String> env = FakesEnvironment.of(telegram, sandbox, 42);
    env.put("TELEGRAM_BOT_TOKEN", token);
    env.put("SMSC_PASSWORD", password);
    env.put("SENDERS_BOT_DATABASE", dir.resolve("bot.db").toString());
    return env;
  }

  /** A port on 127.0.0.1 that nothing listens on: connections to it are refused. */
  private static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private String[] run(Map<String, String> env) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.execute(
            new String[] {"check-config", "--online"},
            new CliContext(env, dir, new PrintWriter(out), new PrintWriter(err)));
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void acceptedCredentialsAndTokenPassWithOneProviderRequest() {
    String[] r = run(env(sandbox.password(), telegram.token()));
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("accepted the credentials"), r[1]);
    assertTrue(r[1].contains("@" + FakeBotApi.BOT_USERNAME), r[1]);
    assertEquals(1, sandbox.requests().size());
    assertEquals(1, telegram.calls("getMe").size());
  }

  @Test
  void rejectedPasswordAndTokenExitTwoNamingTheKeysWithoutTheSecrets() {
    String wrongToken = "7000001:AAF-wrong-token_0123456789abcdefghij";
    String[] r = run(env("wrong-password-123", wrongToken));
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("smsc.password") && r[2].contains("error 2"), r[2]);
    assertTrue(r[2].contains("telegram.token"), r[2]);
    for (String out : new String[] {r[1], r[2]}) {
      assertFalse(out.contains("wrong-password-123"), out);
      assertFalse(out.contains("AAF-wrong-token"), out);
    }
  }

  // Why: an unreachable host is no wrong password: the check said "invalid configuration", pinned
  // it on smsc.password and telegram.token, and exited 2, which scripts read as a bad setting.
  @Test
  void unreachableHostsExitOneSayingTheCheckCouldNotBeMade() throws Exception {
    int closed = closedPort();
    Map<String, String> env = env(sandbox.password(), telegram.token());
    env.put("SMSC_BASE_URL", "http://127.0.0.1:" + closed);
    env.put("TELEGRAM_API_URL", "http://127.0.0.1:" + closed);

    String[] r = run(env);

    assertEquals("1", r[0], r[2]);
    assertTrue(r[2].contains("could not check:"), r[2]);
    assertFalse(r[2].contains("invalid configuration"), r[2]);
    assertFalse(r[2].contains("smsc.password"), r[2]);
    assertFalse(r[2].contains("telegram.token"), r[2]);
    assertTrue(r[2].contains("smsc.base-url"), r[2]);
    assertTrue(r[2].contains("telegram.api-url"), r[2]);
  }

  // Why: a rate limit or an IP block says nothing about the password either.
  @Test
  void aBusyProviderIsNotABadPassword() {
    String[] r = run(env(sandbox.password(), telegram.token()));
    assertEquals("0", r[0], r[2]);
    sandbox.failNext("get", 1, 9);

    r = run(env(sandbox.password(), telegram.token()));

    assertEquals("1", r[0], r[2]);
    assertTrue(r[2].contains("could not check:") && r[2].contains("error 9"), r[2]);
    assertFalse(r[2].contains("smsc.password"), r[2]);
  }

  // Why: a Bot API unreachable at start ended 'run' with "DeliveryException: getMe failed", an
  // exception's name that tells a reader nothing.
  @Test
  void runSaysWhichSideFailedWhenTelegramCannotBeReachedAtStart() throws Exception {
    int closed = closedPort();
    Map<String, String> env = env(sandbox.password(), telegram.token());
    env.put("TELEGRAM_API_URL", "http://127.0.0.1:" + closed);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        Main.execute(
            new String[] {"run"},
            new CliContext(env, dir, new PrintWriter(out), new PrintWriter(err)));

    assertEquals(1, code, err.toString());
    assertTrue(err.toString().contains("senders-bot: Telegram: getMe failed"), err.toString());
    assertFalse(err.toString().contains("DeliveryException"), err.toString());
  }
}
