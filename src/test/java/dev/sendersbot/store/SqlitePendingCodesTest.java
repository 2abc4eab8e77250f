package dev.sendersbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@BothEngines
class SqlitePendingCodesTest {
  @Parameter StoreEngine engine;
  StoreEngine.Target target;
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  @TempDir Path dir;
  Database db;
  SqlitePendingCodes codes;

  @BeforeEach
  void open() {
    target = engine.fresh(dir);
    db = target.open();
    codes = new SqlitePendingCodes(db, Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aPutCodeIsFoundWithEveryField() {
    PendingCode code = code(-100, "79991234567", T0, 3);
    codes.put(code);
    assertEquals(code, codes.find(-100, "79991234567", T0).orElseThrow());
    assertEquals(List.of(code), codes.forChat(-100, T0));
  }

  @Test
  void codesBelongToTheirChat() {
    codes.put(code(-100, "79991234567", T0, 3));
    assertTrue(codes.find(-200, "79991234567", T0).isEmpty());
    assertEquals(List.of(), codes.forChat(-200, T0));
  }

  @Test
  void forChatListsTheChatsCodesOldestFirst() {
    codes.put(code(-100, "79990000002", T0.plusSeconds(20), 3));
    codes.put(code(-100, "79990000001", T0, 3));
    codes.put(code(-100, "79990000003", T0.plusSeconds(40), 3));
    assertEquals(
        List.of("79990000001", "79990000002", "79990000003"),
        codes.forChat(-100, T0.plusSeconds(60)).stream().map(PendingCode::phone).toList());
  }

  @Test
  void puttingTheSamePhoneAgainReplacesTheEntry() {
    codes.put(code(-100, "79991234567", T0, 1));
    PendingCode resent = code(-100, "79991234567", T0.plusSeconds(90), 3);
    codes.put(resent);
    assertEquals(List.of(resent), codes.forChat(-100, T0.plusSeconds(90)));
  }

  @Test
  void expiredCodesAreNotReturned() {
    codes.put(code(-100, "79991234567", T0, 3));
    Instant expiry = T0.plus(TEN_MINUTES);
    assertTrue(codes.find(-100, "79991234567", expiry.minusMillis(1)).isPresent());
    assertTrue(codes.find(-100, "79991234567", expiry).isEmpty());
    assertEquals(List.of(), codes.forChat(-100, expiry.plusSeconds(1)));
  }

  @Test
  void expiredCodesAreDeletedWhenANewOneIsPut() {
    codes.put(code(-100, "79991234567", T0.minus(Duration.ofHours(1)), 3)); // expired at T0-50m
    codes.put(code(-100, "79997654321", T0, 3));
    assertEquals(1, Sql.count(db, "pending_codes"));
  }

  @Test
  void wrongAttemptsCountDownAndTheLastRemovesTheEntry() {
    codes.put(code(-100, "79991234567", T0, 3));
    assertEquals(2, codes.recordWrongAttempt(-100, "79991234567"));
    assertEquals(2, codes.find(-100, "79991234567", T0).orElseThrow().attemptsLeft());
    assertEquals(1, codes.recordWrongAttempt(-100, "79991234567"));
    assertEquals(0, codes.recordWrongAttempt(-100, "79991234567"));
    assertTrue(codes.find(-100, "79991234567", T0).isEmpty());
    assertEquals(0, codes.recordWrongAttempt(-100, "79991234567"), "nothing left to count");
  }

  @Test
  void removeForgetsOnlyThatPhone() {
    codes.put(code(-100, "79991234567", T0, 3));
    codes.put(code(-100, "79997654321", T0, 3));
    codes.remove(-100, "79991234567");
    assertEquals(
        List.of("79997654321"), codes.forChat(-100, T0).stream().map(PendingCode::phone).toList());
  }

  @Test
  void aCodeWithNoAttemptIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> codes.put(code(-100, "7999", T0, 0)));
  }

  static PendingCode code(long chatId, String phone, Instant sentAt, int attempts) {
    return new PendingCode(
        chatId, 7, phone, "shop", sentAt, attempts, sentAt.plus(TEN_MINUTES), 321);
  }
}
