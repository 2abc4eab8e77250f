package dev.sendersbot.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class AccessPolicyTest {
  static final long OWNER = 1;
  static final long ALICE = 100;
  static final long BOB = 200;
  static final long GROUP = -1001;
  static final long UNKNOWN_CHAT = -9999;
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  final InMemoryChatRegistry chats = new InMemoryChatRegistry();
  final AccessPolicy policy = new AccessPolicy(Set.of(OWNER), chats);

  @ParameterizedTest
  @EnumSource(Role.class)
  void anOwnerMayRunEveryCommandInAChatNobodyGranted(Role least) {
    Decision d = policy.decide(UNKNOWN_CHAT, OWNER, least);
    assertTrue(d.allowed());
    assertTrue(d.owner());
    assertEquals(Role.ADMIN, d.effectiveRole());
    assertNull(d.subClient());
  }

  @Test
  void anOwnerInAViewerChatStillActsAsAdmin() {
    grant(GROUP, Role.VIEWER, null);
    Decision d = policy.decide(GROUP, OWNER, Role.ADMIN);
    assertTrue(d.allowed());
    assertEquals(Role.ADMIN, d.effectiveRole());
    assertTrue(d.owner());
  }

  // An owner typing in a chat bound to a sub-client still sees only that sub-client there.
  @Test
  void anOwnerInABoundChatIsLimitedToItsSubClient() {
    grant(GROUP, Role.OPERATOR, "shop-1");
    assertEquals("shop-1", policy.decide(GROUP, OWNER, Role.VIEWER).subClient());
  }

  // Whatever an admin (or the owner) stored for an owner's private chat, the owner there keeps the
  // whole account and every right: configuration alone decides an owner's reach.
  @ParameterizedTest
  @EnumSource(Role.class)
  void aGrantStoredForAnOwnersPrivateChatNeverNarrowsTheOwner(Role stored) {
    grant(OWNER, stored, "shop-1");
    Decision d = policy.decide(OWNER, OWNER, Role.ADMIN);
    assertTrue(d.allowed());
    assertTrue(d.owner());
    assertEquals(Role.ADMIN, d.effectiveRole());
    assertNull(d.subClient());
    assertEquals(Optional.of(new Reach(null, null)), policy.reach(OWNER));
    assertTrue(policy.isOwnersChat(OWNER));
    assertFalse(policy.isOwnersChat(GROUP));
  }

  @Test
  void aChatReachesWhatItsGrantSaysSinceTheGrantAndNothingWithout() {
    assertTrue(policy.reach(GROUP).isEmpty());
    grant(GROUP, Role.VIEWER, "shop-1");
    Reach r = policy.reach(GROUP).orElseThrow();
    assertEquals("shop-1", r.subClient());
    assertTrue(r.covers(T0), "made in the grant's millisecond");
    assertTrue(r.covers(T0.plusMillis(1)));
    assertFalse(r.covers(T0.minusMillis(1)), "made under earlier access");
    assertTrue(
        policy.reach(OWNER).orElseThrow().covers(Instant.EPOCH), "an owner's reach never changes");
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void anUnknownChatIsDeniedEveryCommandThatNeedsARole(Role least) {
    Decision d = policy.decide(UNKNOWN_CHAT, ALICE, least);
    assertFalse(d.allowed());
    assertEquals("unknown chat", d.reason());
    assertNull(d.effectiveRole());
    assertFalse(d.owner());
    assertNull(d.subClient());
  }

  @Test
  void anUnknownChatMayRunTheCommandsOpenToAnyone() {
    Decision d = policy.decide(UNKNOWN_CHAT, ALICE, null);
    assertTrue(d.allowed());
    assertNull(d.effectiveRole());
    assertFalse(d.owner());
  }

  static Stream<Arguments> everyChatRoleAgainstEveryLeastRole() {
    return Stream.of(Role.values())
        .flatMap(chat -> Stream.of(Role.values()).map(least -> Arguments.of(chat, least)));
  }

  @ParameterizedTest(name = "chat {0}, command needs {1}")
  @MethodSource("everyChatRoleAgainstEveryLeastRole")
  void aChatMayRunExactlyTheCommandsAtOrBelowItsRole(Role chatRole, Role least) {
    grant(GROUP, chatRole, null);
    Decision d = policy.decide(GROUP, ALICE, least);
    boolean expected = chatRole.ordinal() >= least.ordinal();
    assertEquals(expected, d.allowed());
    assertEquals(chatRole, d.effectiveRole());
    assertEquals(
        expected ? "allowed" : "needs " + least.word() + ", chat is " + chatRole.word(),
        d.reason());
  }

  @Test
  void rolesAreOrderedViewerOperatorAdmin() {
    assertTrue(Role.ADMIN.atLeast(Role.OPERATOR));
    assertTrue(Role.OPERATOR.atLeast(Role.VIEWER));
    assertTrue(Role.VIEWER.atLeast(Role.VIEWER));
    assertFalse(Role.VIEWER.atLeast(Role.OPERATOR));
    assertFalse(Role.OPERATOR.atLeast(Role.ADMIN));
  }

  @Test
  void theChatsSubClientIsCarriedWhetherAllowedOrDenied() {
    grant(GROUP, Role.VIEWER, "shop-1");
    Decision allowed = policy.decide(GROUP, ALICE, Role.VIEWER);
    Decision denied = policy.decide(GROUP, ALICE, Role.OPERATOR);
    Decision open = policy.decide(GROUP, ALICE, null);
    assertTrue(allowed.allowed());
    assertEquals("shop-1", allowed.subClient());
    assertFalse(denied.allowed());
    assertEquals("shop-1", denied.subClient());
    assertEquals("shop-1", open.subClient());
    assertEquals(Role.VIEWER, open.effectiveRole());
  }

  @Test
  void aChatBoundToNoSubClientSeesTheWholeAccount() {
    grant(GROUP, Role.ADMIN, null);
    assertNull(policy.decide(GROUP, ALICE, Role.ADMIN).subClient());
  }

  @Test
  void inAGroupEveryMemberGetsTheChatsRole() {
    grant(GROUP, Role.OPERATOR, null);
    assertEquals(
        policy.decide(GROUP, ALICE, Role.OPERATOR), policy.decide(GROUP, BOB, Role.OPERATOR));
    assertTrue(policy.decide(GROUP, BOB, Role.OPERATOR).allowed());
    assertFalse(policy.decide(GROUP, BOB, Role.ADMIN).allowed());
  }

  // A revoked chat must lose its rights at the next command, not at the next restart.
  @Test
  void grantsAndRevocationsTakeEffectAtTheNextDecision() {
    assertFalse(policy.decide(GROUP, ALICE, Role.VIEWER).allowed());
    grant(GROUP, Role.VIEWER, null);
    assertTrue(policy.decide(GROUP, ALICE, Role.VIEWER).allowed());
    chats.revoke(GROUP);
    assertFalse(policy.decide(GROUP, ALICE, Role.VIEWER).allowed());
  }

  @Test
  void ownersAreCopiedAtConstruction() {
    Set<Long> owners = new HashSet<>(Set.of(OWNER));
    AccessPolicy p = new AccessPolicy(owners, chats);
    owners.add(ALICE);
    assertFalse(p.isOwner(ALICE));
    assertTrue(p.isOwner(OWNER));
    assertEquals(Set.of(OWNER), p.owners());
  }

  @Test
  void roleWordsParseCaseInsensitivelyAndNothingElseParses() {
    assertEquals(Role.OPERATOR, Role.parse(" Operator ").orElseThrow());
    assertEquals(Role.ADMIN, Role.parse("ADMIN").orElseThrow());
    assertEquals("viewer", Role.VIEWER.word());
    assertTrue(Role.parse("owner").isEmpty());
    assertTrue(Role.parse("").isEmpty());
    assertTrue(Role.parse(null).isEmpty());
  }

  private void grant(long chatId, Role role, String subClient) {
    chats.grant(new ChatGrant(chatId, role, subClient, null, OWNER, T0));
  }
}
