package dev.sendersbot.smsc;

import java.util.Objects;

/** {@code del=1}. */
public record DeleteRequest(SenderRef ref, String user) {
  public DeleteRequest {
    Objects.requireNonNull(ref, "ref");
    user = SubClient.normalise(user);
  }
}
