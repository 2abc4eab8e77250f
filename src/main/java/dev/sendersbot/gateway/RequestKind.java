package dev.sendersbot.gateway;

/** Kinds of request the provider limits separately; error 9 cools one kind down. */
enum RequestKind {
  LISTS("list requests"),
  CREATES("creations"),
  OTHERS("changes, deletions and codes");

  final String words;

  RequestKind(String words) {
    this.words = words;
  }

  static RequestKind of(ProviderOperation op) {
    return switch (op) {
      case LIST -> LISTS;
      case ADD -> CREATES;
      case CHANGE, SEND_CODE, CHECK_CODE, DELETE -> OTHERS;
    };
  }
}
