package dev.sendersbot.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * URLs that would carry a secret unencrypted over the network: the SMSC password in every request
 * body, the bot token in every Bot API path. Plain http is right for a server on this machine (the
 * sandbox, a local Bot API server) and allowed elsewhere (a proxy in a private network), but said.
 */
public final class PlainHttp {
  private PlainHttp() {}

  /** One warning per such URL, naming its key. */
  public static List<ConfigException.Problem> warnings(Config c) {
    List<ConfigException.Problem> out = new ArrayList<>();
    check(out, Key.SMSC_BASE_URL, c.smsc().baseUrl(), "the SMSC password");
    check(out, Key.TELEGRAM_API_URL, c.telegram().apiUrl(), "the bot token");
    return List.copyOf(out);
  }

  private static void check(List<ConfigException.Problem> out, Key key, URI url, String secret) {
    if (url == null || !"http".equalsIgnoreCase(url.getScheme()) || loopback(url.getHost())) {
      return;
    }
    out.add(
        new ConfigException.Problem(
            key.path(),
            "plain http to "
                + url.getHost()
                + ", which is not this machine: "
                + secret
                + " crosses the network unencrypted; use https"));
  }

  static boolean loopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || h.startsWith("127.")
        || h.equals("[::1]")
        || h.equals("::1");
  }
}
