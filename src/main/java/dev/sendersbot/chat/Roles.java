package dev.sendersbot.chat;

import dev.sendersbot.access.Role;
import dev.sendersbot.i18n.Texts;
import java.util.Locale;

/** A role in the reader's words; {@link Role#word()} stays the one the commands take. */
final class Roles {
  private Roles() {}

  static String word(Texts t, Role r) {
    return r == null ? t.t("role.none") : t.t("role." + r.name().toLowerCase(Locale.ROOT));
  }
}
