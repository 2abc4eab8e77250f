package dev.sendersbot.access;

/**
 * What unknown chats were answered over a period, from the hourly counts.
 *
 * @param answered commands and presses of unknown chats that were answered
 * @param chats the distinct chats among them that got an hourly row of their own
 * @param sharedAnswered those of chats beyond the first of their hour, counted together
 */
public record UnknownChatTally(long answered, int chats, long sharedAnswered) {}
