package dev.sendersbot.proof;

import dev.sendersbot.access.Role;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The chats of the proof suites: one of each role, for the whole account and bound to a sub-client,
 * private chats and groups (a forum among them), and strangers. Ids and usernames are distinctive,
 * so a reply that names another chat's id or user can be found by a plain search.
 */
final class Fixtures {
  private Fixtures() {}

  static final long OWNER = 4_242;
  static final String ALPHA = "alpha";
  static final String BETA = "beta";

  /**
   * A chat and the users who write in it.
   *
   * @param role null for a stranger (no grant)
   * @param sub the sub-client the chat is bound to; null for the whole account
   * @param type Telegram's chat type
   * @param topic a forum topic its messages come from; null outside forums
   */
  record Chat(
      String key, long id, Role role, String sub, String type, List<Long> users, Integer topic) {
    boolean isGroup() {
      return id < 0;
    }

    /** Whose names the chat may see: the sub-client, "" for the account, null for a stranger. */
    String scope() {
      return role == null ? null : sub == null ? "" : sub;
    }
  }

  static final Chat OWNER_CHAT =
      new Chat("owner", OWNER, Role.ADMIN, null, "private", List.of(OWNER), null);
  static final Chat ADMIN_ACC =
      new Chat("admin-acc", 731_000_001L, Role.ADMIN, null, "private", List.of(731_000_001L), null);
  static final Chat OPER_ACC =
      new Chat(
          "oper-acc",
          -731_000_002L,
          Role.OPERATOR,
          null,
          "group",
          List.of(732_000_021L, 732_000_022L),
          null);
  static final Chat VIEW_ACC =
      new Chat("view-acc", 731_000_003L, Role.VIEWER, null, "private", List.of(731_000_003L), null);
  static final Chat ADMIN_ALPHA =
      new Chat(
          "admin-alpha",
          -1_007_310_000_004L,
          Role.ADMIN,
          ALPHA,
          "supergroup",
          List.of(732_000_041L, 732_000_042L),
          77);
  static final Chat OPER_ALPHA =
      new Chat(
          "oper-alpha", 731_000_005L, Role.OPERATOR, ALPHA, "private", List.of(731_000_005L), null);
  static final Chat VIEW_ALPHA =
      new Chat(
          "view-alpha",
          -731_000_006L,
          Role.VIEWER,
          ALPHA,
          "group",
          List.of(732_000_061L, 732_000_062L),
          null);
  static final Chat OPER_BETA =
      new Chat(
          "oper-beta", 731_000_007L, Role.OPERATOR, BETA, "private", List.of(731_000_007L), null);
  static final Chat VIEW_BETA =
      new Chat(
          "view-beta",
          -1_007_310_000_008L,
          Role.VIEWER,
          BETA,
          "supergroup",
          List.of(732_000_081L, 732_000_082L),
          null);
  static final Chat STRANGER =
      new Chat("stranger", 731_000_009L, null, null, "private", List.of(731_000_009L), null);
  static final Chat STRANGER_GROUP =
      new Chat(
          "stranger-group",
          -731_000_010L,
          null,
          null,
          "group",
          List.of(732_000_101L, 732_000_102L),
          null);
  static final Chat STRANGER_2 =
      new Chat("stranger-2", 731_000_011L, null, null, "private", List.of(731_000_011L), null);

  static final List<Chat> ALL =
      List.of(
          OWNER_CHAT,
          ADMIN_ACC,
          OPER_ACC,
          VIEW_ACC,
          ADMIN_ALPHA,
          OPER_ALPHA,
          VIEW_ALPHA,
          OPER_BETA,
          VIEW_BETA,
          STRANGER,
          STRANGER_GROUP,
          STRANGER_2);

  /** Every chat but the owner's: the ones granted by the registry (strangers stay unknown). */
  static final List<Chat> GRANTED =
      ALL.stream().filter(c -> c.role() != null && c != OWNER_CHAT).toList();

  private static final Map<Long, Chat> BY_ID =
      ALL.stream().collect(Collectors.toMap(Chat::id, c -> c));

  static Optional<Chat> byId(long chatId) {
    return Optional.ofNullable(BY_ID.get(chatId));
  }

  static String username(long userId) {
    return "pu" + userId;
  }

  /**
   * Names seeded in the sandbox, by scope ("" the account, else the sub-client). Each is
   * distinctive: finding one in a reply to a chat of another scope is a leak.
   */
  static final Map<String, List<String>> SEEDED =
      Map.of(
          "",
          List.of("QACCSHOP", "QACCTAXI", "QACC.BANK", "QACC_WAIT"),
          ALPHA,
          List.of("QALFSHOP", "QALFTAXI", "QALF-ONE", "QALF_WAIT"),
          BETA,
          List.of("QBETSHOP", "QBETTAXI", "QBET-ONE"));

  /** The prefix of names a chat of a scope adds: new names stay distinctive too. */
  static String prefix(String scope) {
    return switch (scope) {
      case "" -> "QACC";
      case ALPHA -> "QALF";
      case BETA -> "QBET";
      default -> throw new IllegalArgumentException("no scope " + scope);
    };
  }
}
