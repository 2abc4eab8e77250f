package dev.sendersbot.smsc;

import java.util.Objects;

/**
 * A value the provider would refuse, caught before any request: which check failed, the value, and
 * a detail (a count or a character). The message says it in English for logs; a chat shows the
 * {@link Problem} in its reader's words.
 */
public final class InvalidValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Which check failed. */
  public enum Problem {
    NAME_EMPTY,
    DIGITAL_NAME_TOO_LONG,
    NAME_TOO_LONG,
    NAME_BAD_CHARACTER,
    PHONE_EMPTY,
    PHONE_FORMAT,
    PHONE_TRUNK_PREFIX,
    EMAIL_FORMAT,
    CODE_FORMAT,
    DOCUMENT_EMPTY,
    DOCUMENT_TOO_LARGE,
    DOCUMENT_TYPE,
    DOCUMENT_MISNAMED,
    SUBCLIENT_FORMAT
  }

  private final Problem problem;
  private final String value;
  private final String detail;

  InvalidValueException(Problem problem, String value, String detail, String message) {
    super(message);
    this.problem = Objects.requireNonNull(problem, "problem");
    this.value = value == null ? "" : value;
    this.detail = detail == null ? "" : detail;
  }

  public Problem problem() {
    return problem;
  }

  /** The value as given (stripped); empty when there was none. */
  public String value() {
    return value;
  }

  /** The count or the character the message names; empty when none. */
  public String detail() {
    return detail;
  }
}
