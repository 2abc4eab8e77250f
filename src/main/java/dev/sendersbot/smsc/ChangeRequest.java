package dev.sendersbot.smsc;

import java.util.Objects;
import java.util.Set;

/**
 * {@code chg=1}.
 *
 * @param ref the name or its id
 * @param comment new {@code cmt}; null leaves it
 * @param operatorFlags registration flags to request
 * @param document a document for the operators; may be null
 * @param user sub-client; may be null
 */
public record ChangeRequest(
    SenderRef ref, String comment, Set<String> operatorFlags, Document document, String user) {
  public ChangeRequest {
    Objects.requireNonNull(ref, "ref");
    operatorFlags = Set.copyOf(Objects.requireNonNullElse(operatorFlags, Set.of()));
    for (String f : operatorFlags) {
      if (!f.matches("[a-z0-9_]{1,32}")) {
        throw new IllegalArgumentException(
            "operator flag must be a lower-case field name: '" + f + "'");
      }
    }
    user = SubClient.normalise(user);
  }
}
