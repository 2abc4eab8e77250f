package dev.sendersbot.store;

/**
 * The database could not do what was asked. The message names the database file and the operation;
 * it never carries a parameter value that could be a secret (SQL parameters are bound, not quoted).
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
