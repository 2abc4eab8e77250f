package dev.sendersbot.smsc;

/**
 * No usable answer came from the provider: a timeout, a refused or reset connection, an HTTP error
 * status, an HTML page or a truncated body.
 */
public final class SmscTransportException extends SmscException {

  /** What went wrong, for metrics and decisions. */
  public enum Kind {
    TIMEOUT,
    CONNECTION,
    HTTP_STATUS,
    MALFORMED
  }

  private final Kind kind;
  private final boolean mayHaveTakenEffect;

  public SmscTransportException(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, false);
  }

  /**
   * @param mayHaveTakenEffect a change (add, chg, del, a code) whose request may have reached the
   *     provider before the answer was lost: it may have been done all the same
   */
  public SmscTransportException(
      Kind kind, String message, Throwable cause, boolean mayHaveTakenEffect) {
    super(message, cause);
    this.kind = kind;
    this.mayHaveTakenEffect = mayHaveTakenEffect;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether the change asked for may have been made although no answer said so. */
  public boolean mayHaveTakenEffect() {
    return mayHaveTakenEffect;
  }

  @Override
  public String explanation() {
    return switch (kind) {
      case TIMEOUT -> "The SMSC provider did not answer in time. Try again in a minute.";
      case CONNECTION -> "The SMSC provider could not be reached. Try again in a minute.";
      case HTTP_STATUS -> "The SMSC provider answered with a server error. Try again in a minute.";
      case MALFORMED -> "The SMSC provider's answer could not be read. Try again in a minute.";
    };
  }
}
