package dev.sendersbot.telegram;

import java.util.ArrayDeque;

/** One chat's lane in {@link UpdateLanes}: its queued tasks, its parked count, where it stands. */
final class Lane {
  /** Where a lane stands; only {@link UpdateLanes} moves it, under its lock. */
  enum State {
    IDLE,
    WAITING,
    QUEUED,
    RUNNING
  }

  final long chat;
  final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  int parked;
  boolean stranger;

  /** The id of the last parked update this lane took (a failed delete must not repeat it). */
  long lastParked;

  State state = State.IDLE;

  Lane(long chat) {
    this.chat = chat;
  }
}
