package dev.sendersbot.gateway;

/**
 * Told when the gateway stops all provider calls and when it allows them again, so the owners can
 * be alerted (once per suspension). Called on the thread that noticed the change, outside the
 * gateway's locks: an implementation should hand the message off rather than block.
 */
public interface GatewayListener {

  /** Does nothing. */
  GatewayListener NONE = new GatewayListener() {};

  /**
   * All provider calls stopped.
   *
   * @param reason {@link GatewayRefusal.Reason#CREDENTIALS} or {@link
   *     GatewayRefusal.Reason#IP_BLOCKED}
   * @param words what happened and what happens next, for the owners; holds no secret
   */
  default void suspended(GatewayRefusal.Reason reason, String words) {}

  /** The suspension for this reason ended (an owner's resume, or an IP block ran out). */
  default void resumed(GatewayRefusal.Reason reason) {}
}
