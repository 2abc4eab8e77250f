package dev.sendersbot.access;

/**
 * The policy's answer.
 *
 * @param allowed whether the command may run
 * @param reason why not, in words for the audit log and the user; "allowed" when allowed
 * @param effectiveRole the role the command runs with; null for an unknown chat
 * @param owner whether the user is an owner
 * @param subClient the sub-client the chat is bound to; null for the whole account
 */
public record Decision(
    boolean allowed, String reason, Role effectiveRole, boolean owner, String subClient) {}
