package dev.sendersbot.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The state behind an inline button: the button carries only {@link #token()}.
 *
 * @param token short random token, the button's callback data
 * @param chatId the chat the button was sent to; a press from another chat is refused
 * @param userId who may press it; 0 for anyone in the chat
 * @param action what pressing does ({@code del}, {@code page}, ...)
 * @param args the action's arguments, as text
 * @param expiresAt after this the press is refused
 */
public record ButtonAction(
    String token, long chatId, long userId, String action, String args, Instant expiresAt) {
  public ButtonAction {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(expiresAt, "expiresAt");
    args = args == null ? "" : args;
  }
}
