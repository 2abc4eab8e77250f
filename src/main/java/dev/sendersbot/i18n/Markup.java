package dev.sendersbot.i18n;

import java.util.Objects;

/**
 * Telegram HTML already rendered (a text of the bundles, or tags around escaped values), passed as
 * an argument of another text without being escaped again. A plain {@link String} argument is
 * always data and always escaped.
 */
public record Markup(String html) {
  public Markup {
    Objects.requireNonNull(html, "html");
  }

  @Override
  public String toString() {
    return html;
  }
}
