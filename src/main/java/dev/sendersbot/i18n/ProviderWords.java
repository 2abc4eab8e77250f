package dev.sendersbot.i18n;

/**
 * The provider's vocabulary in the reader's language: moderation and operator statuses, operator
 * names, error codes. Russian takes SMSC's own wording where its page gives one (operator
 * statuses); the rest follows the reference's renderings. Codes the bundles do not know are shown
 * as numbers, never dropped.
 */
public final class ProviderWords {
  private ProviderWords() {}

  /** "ожидает модерации"; null: "не сообщён". */
  public static String moderation(Texts t, Integer code) {
    if (code == null) {
      return t.t("status.notReported");
    }
    String key = "moderation." + code;
    return t.has(key) ? t.t(key) : t.t("status.code", Integer.toString(code));
  }

  /** "допущено оператором"; null: "не сообщён". */
  public static String operatorStatus(Texts t, Integer code) {
    if (code == null) {
      return t.t("status.notReported");
    }
    String key = "operator.status." + code;
    return t.has(key) ? t.t(key) : t.t("status.code", Integer.toString(code));
  }

  /** An operator's name by its status flag ("mts_step" → "МТС"); an unknown flag as it is. */
  public static String operator(Texts t, String flag, String fallback) {
    String key = "operator.name." + flag;
    return t.has(key) ? t.t(key) : Pseudo.escape(fallback);
  }

  /** Whether the bundles explain this provider error code. */
  public static boolean knowsError(Texts t, int code) {
    return t.has("smsc.error." + code);
  }
}
