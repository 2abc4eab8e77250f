package dev.sendersbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sendersbot.chat.Incoming;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

class UpdateConverterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final UpdateConverter converter = new UpdateConverter(7000001);

  private UpdateConverter.Converted convert(String json) throws Exception {
    return converter.convert(JSON.readValue(json.replace('\'', '"'), Update.class));
  }

  @Test
  void takesTheBotIdFromTheToken() {
    assertEquals(7000001, UpdateConverter.botIdFromToken("7000001:AAF-x"));
    assertEquals(0, UpdateConverter.botIdFromToken("no-colon"));
    assertEquals(0, UpdateConverter.botIdFromToken("abc:def"));
  }

  // Why: a button under a message older than 48 h arrives with an "inaccessible" message (date 0).
  @Test
  void aCallbackOnAnInaccessibleMessageStillNamesItsChat() throws Exception {
    var c =
        convert(
            "{'update_id':5,'callback_query':{'id':'q','from':{'id':3,'is_bot':false,"
                + "'first_name':'A'},'chat_instance':'i','data':'d','message':{'chat':{'id':-100,"
                + "'type':'supergroup','title':'T'},'message_id':9,'date':0}}}");
    Incoming.Callback cb =
        assertInstanceOf(
            Incoming.Callback.class, assertInstanceOf(UpdateConverter.Deliver.class, c).incoming());
    assertEquals(-100, cb.chat().id());
    assertEquals(9, cb.messageId());
    assertNull(cb.chat().topicId());
  }

  @Test
  void aCallbackFromAnInlineMessageIsSkipped() throws Exception {
    assertInstanceOf(
        UpdateConverter.Skip.class,
        convert(
            "{'update_id':5,'callback_query':{"
                + "'id':'q','from':{'id':3,'is_bot':false,'first_name':'A'},'chat_instance':'i',"
                + "'inline_message_id':'im','data':'d'}}"));
  }

  // Why: the General topic of a forum has a thread id but is no topic: replies must go to the chat.
  @Test
  void aForumMessageOutsideATopicHasNoTopic() throws Exception {
    var c =
        convert(
            "{'update_id':6,'message':{'message_id':1,'date':1,'message_thread_id':1,"
                + "'from':{'id':3,'is_bot':false,'first_name':'A'},'chat':{'id':-100,'type':'supergroup',"
                + "'title':'T','is_forum':true},'text':'/id'}}");
    Incoming.Message m = (Incoming.Message) ((UpdateConverter.Deliver) c).incoming();
    assertNull(m.chat().topicId());
  }

  // Why: for a message sent on behalf of a chat (an anonymous admin, a channel) "from" is
  // Telegram's stand-in, the same for everyone who writes so.
  @Test
  void aMessageOnBehalfOfAChatComesFromNobodyTheBotCanName() throws Exception {
    var c =
        convert(
            "{'update_id':7,'message':{'message_id':1,'date':1,"
                + "'from':{'id':1087968824,'is_bot':true,'first_name':'Group',"
                + "'username':'GroupAnonymousBot'},'sender_chat':{'id':-100,'type':'supergroup',"
                + "'title':'T'},'chat':{'id':-100,'type':'supergroup','title':'T'},'text':'/id'}}");
    Incoming.Message m = (Incoming.Message) ((UpdateConverter.Deliver) c).incoming();
    assertTrue(m.user().onBehalfOfChat());
    var plain =
        convert(
            "{'update_id':8,'message':{'message_id':2,'date':1,"
                + "'from':{'id':3,'is_bot':false,'first_name':'A'},"
                + "'chat':{'id':-100,'type':'supergroup','title':'T'},'text':'/id'}}");
    assertFalse(
        ((Incoming.Message) ((UpdateConverter.Deliver) plain).incoming()).user().onBehalfOfChat());
  }

  @Test
  void aChannelPostWithoutSenderIsSkipped() throws Exception {
    assertInstanceOf(
        UpdateConverter.Skip.class,
        convert(
            "{'update_id':7,'message':{"
                + "'message_id':1,'date':1,'chat':{'id':-100,'type':'channel','title':'C'},'text':'x'}}"));
  }

  @Test
  void aReplyToAnotherBotIsNotAReplyToUs() throws Exception {
    var c =
        convert(
            "{'update_id':8,'message':{'message_id':2,'date':1,'from':{'id':3,"
                + "'is_bot':false,'first_name':'A'},'chat':{'id':3,'type':'private','first_name':'A',"
                + "'last_name':'B'},'text':'1234','reply_to_message':{'message_id':1,'date':1,"
                + "'from':{'id':42,'is_bot':true,'first_name':'Other'},'chat':{'id':3,'type':'private'},"
                + "'caption':'cap','document':{'file_id':'f','file_unique_id':'u'}}}}");
    Incoming.Message m = (Incoming.Message) ((UpdateConverter.Deliver) c).incoming();
    assertFalse(m.replyTo().fromBot());
    assertEquals("cap", m.replyTo().text());
    assertEquals("f", m.replyTo().file().fileId());
    assertEquals("A B", m.chat().title());
    assertTrue(m.file() == null);
  }

  @Test
  void aMigrationBecomesMigrate() throws Exception {
    var c =
        convert(
            "{'update_id':9,'message':{'message_id':2,'date':1,'from':{'id':3,"
                + "'is_bot':false,'first_name':'A'},'chat':{'id':-5,'type':'group','title':'G'},"
                + "'migrate_to_chat_id':-1005}}");
    assertEquals(new UpdateConverter.Migrate(-5, -1005), c);
  }
}
