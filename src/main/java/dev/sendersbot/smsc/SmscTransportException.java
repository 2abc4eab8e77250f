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

  public SmscTransportException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
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
