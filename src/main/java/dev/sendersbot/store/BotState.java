package dev.sendersbot.store;

import java.util.OptionalLong;

/** The transport's progress: the last update handled, so a restart resumes after it. */
public interface BotState {

  OptionalLong lastUpdateId();

  /** Records that the update was handled; ids only move forward. */
  void markHandled(long updateId);
}
