package dev.sendersbot.smsc;

import java.util.Optional;
import java.util.regex.Pattern;

/** The provider answered with an error code. Never retried: see {@link SmscErrorCode}. */
public final class SmscError extends SmscException {
  /** The most of an unknown code's description a reply shows. */
  static final int MAX_WORDS = 300;

  private static final String WITHOUT_TEXT = "sent without a description";
  private static final String ADVICE_UNKNOWN = "Try again later; if it persists, tell an owner.";

  private final int rawCode;
  private final String description;
  private final String operation;

  public SmscError(String operation, int rawCode, String description) {
    super(message(operation, rawCode, description), null);
    this.operation = operation;
    this.rawCode = rawCode;
    this.description = description;
  }

  // Known codes keep the provider's text in brackets (their meaning is known anyway); an unknown
  // one says it is unknown, since then the provider's text is all there is to go on.
  private static String message(String operation, int rawCode, String description) {
    if (SmscErrorCode.of(rawCode).isPresent()) {
      return operation
          + ": provider error "
          + rawCode
          + " ("
          + (description == null ? "no description" : description)
          + ")";
    }
    Optional<String> own = ownWords(rawCode, description);
    String said = own.map(d -> " (" + quote(d) + ")").orElse("");
    if (rawCode <= 0) {
      return operation + ": provider error without a code" + said;
    }
    return operation
        + ": provider error "
        + rawCode
        + ", a code this bot does not know"
        + (own.isPresent() ? said : ", " + WITHOUT_TEXT);
  }

  /** The known code, empty for a code this version does not know (see {@link #rawCode()}). */
  public Optional<SmscErrorCode> code() {
    return SmscErrorCode.of(rawCode);
  }

  public boolean is(SmscErrorCode c) {
    return rawCode == c.code();
  }

  public int rawCode() {
    return rawCode;
  }

  /** The provider's own text, as it came. */
  public String description() {
    return description;
  }

  public String operation() {
    return operation;
  }

  @Override
  public String explanation() {
    Optional<SmscErrorCode> known = code();
    if (known.isPresent()) {
      return "SMSC error " + rawCode + ": " + known.get().meaning() + ". " + known.get().advice();
    }
    Optional<String> own = ownWords(rawCode, description);
    String says = own.map(d -> "; the provider says " + quote(d)).orElse("");
    if (rawCode <= 0) {
      return "SMSC answered with an error but no error code" + says + ". " + ADVICE_UNKNOWN;
    }
    return "SMSC error "
        + rawCode
        + ": an error code this bot does not know"
        + (own.isPresent() ? says : ", " + WITHOUT_TEXT)
        + ". "
        + ADVICE_UNKNOWN;
  }

  /**
   * The provider's description when it says more than the code, cut to {@value #MAX_WORDS}
   * characters for a chat reply: a text such as "error 6" for code 6 (the sandbox's, and a likely
   * one for a code without a text of its own) adds nothing.
   */
  public static Optional<String> ownWords(int rawCode, String description) {
    if (description == null || description.isBlank()) {
      return Optional.empty();
    }
    String d = description.strip();
    Pattern onlyTheCode =
        Pattern.compile(
            "(?i)(?:error|err)?\\s*(?:code)?\\s*[=:#№-]?\\s*-?" + Math.abs(rawCode) + "\\s*\\.?");
    if (onlyTheCode.matcher(d).matches()) {
      return Optional.empty();
    }
    return Optional.of(d.length() <= MAX_WORDS ? d : d.substring(0, MAX_WORDS) + "\u2026");
  }

  private static String quote(String s) {
    return "\u201c" + s + "\u201d";
  }
}
