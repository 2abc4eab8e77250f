package dev.sendersbot.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The message bundles, {@code i18n/messages_<tag>.properties} on the class path (UTF-8, ICU
 * MessageFormat patterns with numbered arguments), read once.
 *
 * <p>The pseudo form renders the English patterns with every letter of the pattern replaced by an
 * accented look-alike, and leaves data (the arguments) as it is: a test that finds a plain English
 * word in a reply so rendered has found a word built in code.
 */
public final class Messages {
  private static final Messages STANDARD = new Messages(load(), false);
  private static final Messages PSEUDO = new Messages(STANDARD.patterns, true);

  private final Map<Lang, Map<String, String>> patterns;
  private final boolean pseudo;

  private Messages(Map<Lang, Map<String, String>> patterns, boolean pseudo) {
    this.patterns = patterns;
    this.pseudo = pseudo;
  }

  /** The bundles as shipped. */
  public static Messages standard() {
    return STANDARD;
  }

  /** English marked letter by letter, for the test that proves no text is built in code. */
  public static Messages pseudo() {
    return PSEUDO;
  }

  boolean isPseudo() {
    return pseudo;
  }

  /** The pattern of a key; the pseudo form reads the English one. */
  String pattern(Lang lang, String key) {
    Lang from = pseudo ? Lang.EN : lang;
    String p = patterns.get(from).get(key);
    if (p == null) {
      throw new MissingTextException(key, from);
    }
    return p;
  }

  boolean has(Lang lang, String key) {
    return patterns.get(pseudo ? Lang.EN : lang).containsKey(key);
  }

  /** Every key and pattern of one language's bundle, sorted by key. */
  public Map<String, String> all(Lang lang) {
    return Collections.unmodifiableMap(new TreeMap<>(patterns.get(lang)));
  }

  /** The keys of one language's bundle. */
  public Set<String> keys(Lang lang) {
    return all(lang).keySet();
  }

  private static Map<Lang, Map<String, String>> load() {
    Map<Lang, Map<String, String>> out = new EnumMap<>(Lang.class);
    for (Lang l : Lang.values()) {
      String path = "/i18n/messages_" + l.tag() + ".properties";
      Properties p = new Properties();
      try (InputStream in = Messages.class.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("message bundle missing from the class path: " + path);
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
          p.load(r);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the message bundle " + path, e);
      }
      Map<String, String> m = new TreeMap<>();
      p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
      out.put(l, Collections.unmodifiableMap(m));
    }
    return Collections.unmodifiableMap(out);
  }
}
