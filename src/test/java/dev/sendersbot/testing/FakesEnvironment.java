package dev.sendersbot.testing;

import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.telegram.FakeBotApi;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The environment that points the bot at the test's fakes: the fake Bot API (its token and
 * address), the SMSC sandbox (its address and login) and the owners. A new map each time: a test
 * adds its database, or replaces an entry it means to break.
 */
public final class FakesEnvironment {
  private FakesEnvironment() {}

  public static Map<String, String> of(FakeBotApi telegram, SmscSandbox sandbox, long... owners) {
    Map<String, String> env = new HashMap<>();
    env.put("TELEGRAM_BOT_TOKEN", telegram.token());
    env.put("TELEGRAM_API_URL", telegram.apiUrl().toString());
    env.put(
        "SENDERS_BOT_OWNERS",
        LongStream.of(owners).mapToObj(Long::toString).collect(Collectors.joining(",")));
    env.put("SMSC_BASE_URL", sandbox.baseUrl().toString());
    env.put("SMSC_LOGIN", sandbox.login());
    env.put("SMSC_PASSWORD", sandbox.password());
    return env;
  }
}
