package dev.sendersbot.i18n;

/** A key asked for that a bundle lacks: a defect the bundle tests are there to catch first. */
public final class MissingTextException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  MissingTextException(String key, Lang lang) {
    super("no text '" + key + "' in the " + lang.tag() + " bundle");
  }
}
