package dev.sendersbot.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into {@code senders-bot-version.properties} at build time. */
final class Version implements IVersionProvider {
  private static final String RESOURCE = "/senders-bot-version.properties";

  static String current() {
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version");
      // Unfiltered (run from an IDE without Maven's resource step): say so rather than print
      // ${...}.
      return v == null || v.isBlank() || v.contains("${") ? "unknown" : v.strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"senders-bot " + current()};
  }
}
