package dev.sendersbot.smsc;

/**
 * Something went wrong talking to the provider. The message never holds the password, the API key
 * or the request body.
 */
public abstract sealed class SmscException extends RuntimeException
    permits SmscError, SmscTransportException {

  SmscException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Plain words a chat user can act on. */
  public abstract String explanation();
}
