package dev.sendersbot.chat;

import java.util.Arrays;
import java.util.List;

/** Button arguments as one text field: joined by the unit separator, which nobody types. */
final class Args {
  private static final char SEP = '\u001f';

  private Args() {}

  static String join(String... parts) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        b.append(SEP);
      }
      b.append(parts[i] == null ? "" : parts[i].replace(SEP, ' '));
    }
    return b.toString();
  }

  static List<String> split(String joined) {
    return Arrays.asList(joined.split(String.valueOf(SEP), -1));
  }
}
