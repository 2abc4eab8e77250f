package dev.sendersbot.chat;

import static dev.sendersbot.chat.TestBot.OWNER;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a careful user gets for input a command cannot take: the reply names what was typed and says
 * what is expected, in the reader's language, and never calls a valid value invalid.
 */
class InputRepliesTest {
  @RegisterExtension final TestBot bot = new TestBot();

  private final ChatRef owner = TestBot.privateChat(OWNER);
  private final UserRef ru = TestBot.user(OWNER, "ru");
  private final UserRef en = TestBot.user(OWNER, "en");

  @AfterEach
  void nothingRejectedByTelegram() {
    assertTrue(bot.out.rejected.isEmpty(), "" + bot.out.rejected);
  }

  private String say(UserRef user, String text) {
    bot.say(owner, user, text);
    return bot.out.lastText();
  }

  // Why: "/tz Europe/Moscow extra" answered that Europe/Moscow is no time zone.
  @Test
  void tzWithMoreThanOneWordSaysSoInsteadOfCallingAValidZoneInvalid() {
    String reply = say(en, "/tz Europe/Moscow extra");
    assertFalse(reply.contains("Europe/Moscow is no time zone"), reply);
    assertTrue(reply.contains("Europe/Moscow extra"), reply);
    reply = say(ru, "/tz Europe/Moscow extra");
    assertFalse(reply.contains("Europe/Moscow — не часовой пояс"), reply);
    assertTrue(reply.contains("Europe/Moscow extra"), reply);
  }

  // Why: "/mute SHOP 2 h" muted the names 2 and H until /unmute, and "/mute 1 час" was told that
  // the name "час" has a Cyrillic letter: a duration typed with a space, as phones often write it.
  @Test
  void aDurationTypedWithASpaceIsADuration() {
    String reply = say(en, "/mute SHOP 2 h");
    assertTrue(reply.startsWith("🔕 Muted SHOP in this chat until"), reply);
    assertTrue(reply.contains("until 2 Mar 11:00 UTC"), reply);
    String mutes = say(en, "/mutes");
    assertFalse(mutes.contains("\nH ") || mutes.contains("\n2 "), mutes);
    reply = say(ru, "/mute 1 час");
    assertTrue(reply.contains("10:00 UTC"), reply);
    reply = say(ru, "/mute SHOP 2 месяца");
    assertTrue(reply.contains("2 месяца"), reply);
    assertTrue(reply.contains("Как писать"), reply);
  }

  // Why: "22:00–08:00" (a phone's or a copied dash) was refused with an example that looks the
  // same, and "22:00 08:00" was echoed as "22:0008:00", which nobody typed.
  @Test
  void quietHoursTakeAnyDashAndAnErrorShowsWhatWasTyped() {
    assertTrue(say(en, "/quiet 22:00–08:00").startsWith("🌙 Quiet hours 22:00-08:00"));
    assertTrue(say(en, "/quiet 23:00 — 07:00").startsWith("🌙 Quiet hours 23:00-07:00"));
    String reply = say(ru, "/quiet 22:00 08:00");
    assertTrue(reply.contains("а не 22:00 08:00."), reply);
  }

  // Why: "/allow -100 viewer sub1 extra" was told to give a chat id and a role, which it did.
  @Test
  void allowWithMoreThanASubClientNamesWhatFollows() {
    String reply = say(en, "/allow -100 viewer sub1 extra");
    assertFalse(reply.contains("Give a chat id and a role"), reply);
    assertTrue(reply.contains("sub1 extra"), reply);
    reply = say(ru, "/allow -100 viewer sub1 extra");
    assertTrue(reply.contains("sub1 extra"), reply);
    assertTrue(bot.chats.find(-100).isEmpty(), "nothing granted");
  }

  // Why: "/sender shop name" showed the card of SHOP, and "/history SHOP extra" SHOP's history, as
  // if the rest had not been typed: a name with a space (which no sender name has) looked found.
  @Test
  void senderAndHistoryTakeOneNameAndSaySoForMore() {
    bot.gateway.seed(null, "SHOP", 1);
    String reply = say(en, "/sender shop name");
    assertFalse(reply.contains("Moderation"), reply);
    assertTrue(reply.contains("shop name"), reply);
    reply = say(ru, "/history SHOP extra");
    assertFalse(reply.contains("История"), reply);
    assertTrue(reply.contains("SHOP extra"), reply);
    assertTrue(say(en, "/sender shop").contains("Moderation"));
  }

  // Why: "The last code ... was sent 09:00 UTC" / "отправлен 09:00 UTC": a time with no "at"/"в".
  @Test
  void whenTheLastCodeWasSentReadsAsATime() {
    say(en, "/sendcode 79991234567");
    bot.clock.advance(java.time.Duration.ofMinutes(5));
    String reply = say(en, "/sendcode 79991234567");
    assertTrue(reply.contains("was sent at 09:00 UTC;"), reply);
    reply = say(ru, "/sendcode 79991234567");
    assertTrue(reply.contains("отправлен в 09:00 UTC;"), reply);
  }

  // Why: "/lang de" and "/lang ru en" got the same "Say /lang ru, /lang en or /lang auto" without
  // the value that was refused.
  @Test
  void langNamesTheValueItCannotTake() {
    String reply = say(en, "/lang de");
    assertTrue(reply.contains("not de"), reply);
    reply = say(ru, "/lang ru en");
    assertTrue(reply.contains("а не ru en"), reply);
  }

  // Why: "/sendcode +7 999 123 45 67", a number as people write it, was refused with "give one
  // phone number" without naming what was typed, though one number was given.
  @Test
  void aPhoneNumberTypedWithSpacesIsOneNumber() {
    String reply = say(en, "/sendcode +7 999 123 45 67");
    assertTrue(reply.contains("sent by SMS to 79991234567"), reply);
    bot.clock.advance(java.time.Duration.ofMinutes(1));
    reply = say(ru, "/sendcode 7 999 123-45-67");
    assertTrue(reply.contains("отправлен в 09:00 UTC"), reply);
    reply = say(en, "/sendcode 79991234567 79997654321");
    assertTrue(reply.contains("79991234567 79997654321"), reply);
  }
}
