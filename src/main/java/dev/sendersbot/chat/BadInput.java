package dev.sendersbot.chat;

import java.util.Arrays;

/**
 * Input a command cannot take, said with a text of the bundles: the key and its arguments. The
 * exception's own message (for logs and audit) names both.
 */
final class BadInput extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // never serialised: it lives within one update's handling
  private final Object[] args;

  private final String key;

  BadInput(String key, Object... args) {
    super(key + " " + Arrays.toString(args));
    this.key = key;
    this.args = args.clone();
  }

  String key() {
    return key;
  }

  Object[] args() {
    return args.clone();
  }
}
