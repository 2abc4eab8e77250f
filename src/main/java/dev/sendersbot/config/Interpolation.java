package dev.sendersbot.config;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}}, {@code ${VAR:-default}} and {@code $${} (a literal {@code ${}) in a file value,
 * from the loader's environment. Lets a checked-in file name its secrets without holding them.
 */
final class Interpolation {
  private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, String> env;

  Interpolation(Map<String, String> env) {
    this.env = env;
  }

  /**
   * @param k the key the text belongs to: a secret key's text is never quoted in a problem
   * @param problem told what is wrong with the text, without the key (the caller knows it)
   * @return the substituted text, or null after a problem
   */
  String substitute(Key k, String text, Consumer<String> problem) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          problem.accept("'${' without a closing '}'; write $${ for a literal ${");
          return null;
        }
        String body = text.substring(i + 2, end);
        int sep = body.indexOf(":-");
        String name = sep < 0 ? body : body.substring(0, sep);
        String fallback = sep < 0 ? null : body.substring(sep + 2);
        if (!VAR_NAME.matcher(name).matches()) {
          // A secret pasted where the variable name belongs must not be echoed back.
          problem.accept(
              k.secret()
                  ? "a ${...} reference with an invalid variable name"
                  : "'${" + name + "}' is not a valid variable reference");
          return null;
        }
        String value = env.get(name);
        // An empty variable takes the default, as in the shell's ${VAR:-default}.
        if (value == null || (value.isEmpty() && fallback != null)) {
          if (fallback == null) {
            problem.accept(
                "environment variable "
                    + name
                    + " is not set (referenced as ${"
                    + name
                    + "}; write ${"
                    + name
                    + ":-default} to make it optional)");
            return null;
          }
          value = fallback;
        }
        out.append(value);
        i = end + 1;
      } else {
        out.append(text.charAt(i));
        i++;
      }
    }
    return out.toString();
  }
}
