package dev.sendersbot.smsc;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * {@code add=1}.
 *
 * @param sender the name (checked); with {@code mail} an e-mail address
 * @param comment {@code cmt}; may be null
 * @param operatorFlags registration flags set to 1 ({@code mts_step}, {@code tele2}, ...)
 * @param ua {@code ua_reg=1} with its details; may be null
 * @param mail {@code mail=1}: the sender is an e-mail address
 * @param mailName {@code name}, the comment for {@code mail}; may be null
 * @param document a document for the operators; may be null
 * @param user sub-client; may be null
 */
public record AddRequest(
    String sender,
    String comment,
    Set<String> operatorFlags,
    UaRegistration ua,
    boolean mail,
    String mailName,
    Document document,
    String user) {

  public AddRequest {
    sender = mail ? SenderNames.checkEmail(sender) : SenderNames.check(sender);
    operatorFlags =
        Set.copyOf(new LinkedHashSet<>(Objects.requireNonNullElse(operatorFlags, Set.of())));
    for (String f : operatorFlags) {
      if (!f.matches("[a-z0-9_]{1,32}")) {
        throw new IllegalArgumentException(
            "operator flag must be a lower-case field name: '" + f + "'");
      }
    }
    user = SubClient.normalise(user);
  }

  public static AddRequest of(String sender, String comment, String user) {
    return new AddRequest(sender, comment, Set.of(), null, false, null, null, user);
  }
}
