package dev.sendersbot.store;

import java.time.Instant;
import java.util.Optional;

/** Button state, so callback data stays within 64 bytes and cannot be forged into an action. */
public interface ButtonActions {

  /** Stores the action under a new unguessable token (at most 32 characters) and returns it. */
  String create(long chatId, long userId, String action, String args, Instant expiresAt);

  /** The action, if the token exists and has not expired; it stays for further presses. */
  Optional<ButtonAction> find(String token, Instant now);

  /**
   * Removes and returns the action in one step, so that two presses of a one-shot button act once.
   */
  Optional<ButtonAction> take(String token, Instant now);

  /** Drops expired actions; returns how many. */
  int purgeExpired(Instant now);

  /**
   * Drops every action of the chat; returns how many. For when the chat's access is revoked or
   * bound to another sub-client: its buttons were handed out under access it no longer has.
   */
  int forgetChat(long chatId);
}
