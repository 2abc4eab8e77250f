package dev.sendersbot.smsc;

import java.util.Optional;

/** The provider answered with an error code. Never retried: see {@link SmscErrorCode}. */
public final class SmscError extends SmscException {
  private final int rawCode;
  private final String description;
  private final String operation;

  public SmscError(String operation, int rawCode, String description) {
    super(operation + ": provider error " + rawCode + " ("
        + (description == null ? "no description" : description) + ")", null);
    this.operation = operation;
    this.rawCode = rawCode;
    this.description = description;
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
    return code().map(c -> "SMSC error " + rawCode + ": " + c.meaning() + ". " + c.advice())
        .orElse("SMSC error " + rawCode + (description == null ? "" : " (" + description + ")")
            + ". Try again later; if it persists, tell an owner.");
  }
}
