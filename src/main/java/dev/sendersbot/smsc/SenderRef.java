package dev.sendersbot.smsc;

/**
 * A name addressed either by its text or by its id (change and delete take either). Exactly one of
 * the two is set.
 */
public record SenderRef(String name, Long id) {
  public SenderRef {
    if ((name == null) == (id == null)) {
      throw new IllegalArgumentException("give a sender name or an id, not both or neither");
    }
    if (name != null) {
      name = SenderNames.checkExisting(name);
    }
    if (id != null && id <= 0) {
      throw new IllegalArgumentException("sender id must be positive: " + id);
    }
  }

  public static SenderRef name(String name) {
    return new SenderRef(name, null);
  }

  public static SenderRef id(long id) {
    return new SenderRef(null, id);
  }

  @Override
  public String toString() {
    return name != null ? name : "#" + id;
  }
}
