package dev.sendersbot.cli;

/** The command line's exit codes; scripts and container health checks depend on them. */
final class ExitCodes {
  static final int OK = 0;
  static final int RUNTIME_FAILURE = 1;
  static final int USAGE = 2;

  private ExitCodes() {}
}
