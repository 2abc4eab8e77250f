package dev.sendersbot.store;

/**
 * A write or send that only the leader may make was refused: this replica is a standby, or lost
 * leadership (its lock session dropped) since the work began. Nothing was recorded; the new leader
 * does the work from the stored state.
 */
public final class NotLeaderException extends StoreException {
  private static final long serialVersionUID = 1L;

  public NotLeaderException(String message) {
    super(message);
  }
}
