package dev.sendersbot.smsc.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every answer shape of the reference, in fmt 0, 1, 2 and 3, byte for byte. */
class SandboxFormatsTest extends SandboxTestSupport {

  /** The eleven fields with distinct values, so any mix-up of the order shows. */
  private static final Map<String, Integer> ELEVEN = new LinkedHashMap<>();

  static {
    String[] flags = {
      "mega_step",
      "mega_int",
      "bee_step",
      "motiv_step",
      "motiv_int",
      "mts_step",
      "mts_int",
      "tele2_step",
      "tele2",
      "ua_reg",
      "ua_int"
    };
    for (int i = 0; i < flags.length; i++) {
      ELEVEN.put(flags[i], 10 + i);
    }
  }

  private void seedTwo() {
    sandbox.seed(NameSeed.of("my_shop").withOperator("mts_step", 2).withOperator("mega_step", 1));
    sandbox.seed(NameSeed.of("Beta").withModeration(0));
  }

  @ParameterizedTest(name = "fmt={0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0|name = my_shop, id = 1",
        "1|my_shop,1",
        "2|<list><sender id=\"1\">my_shop</sender></list>",
        "3|[{\"sender\": \"my_shop\", \"id\": 1}]"
      })
  void listsActivatedNamesWithIds(int fmt, String expected) {
    seedTwo();
    assertEquals(expected, body("get=1&fmt=" + fmt));
  }

  @ParameterizedTest(name = "fmt={0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0|name = Beta, status = 0, id = 2\\nname = my_shop, status = 1, id = 1",
        "1|Beta,0,2\\nmy_shop,1,1",
        "2|<list><sender status=\"0\" id=\"2\">Beta</sender><sender status=\"1\" id=\"1\">my_shop</sender></list>",
        "3|[{\"sender\": \"Beta\", \"status\": 0, \"id\": 2}, {\"sender\": \"my_shop\", \"status\": 1, \"id\": 1}]"
      })
  void listsEveryNameWithModerationStatusWithAll(int fmt, String expected) {
    seedTwo();
    // CSV rows cannot hold a line break: "\\n" in the row stands for it.
    assertEquals(expected.replace("\\n", "\n"), body("get=1&all=1&fmt=" + fmt));
  }

  // The templates are the reference's own lines, with <sender>, <id> and each <s> filled in.
  @Test
  void writesOperatorsFormInPlainTextInTheReferencesOrder() {
    long id = sandbox.seed(NameSeed.of("Full").withOperators(ELEVEN));
    String template =
        "name = <sender>, mega_step = <s>, bee_step = <s>, motiv_step = <s>, "
            + "mts_step = <s>, tele2_step = <s>, tele2 = <s>, ua_reg = <s>, ua_int = <s>, "
            + "mega_int = <s>, motiv_int = <s>, mts_int = <s>, id = <id>";
    assertEquals(fill(template, "Full", id), body("get=1&operators=1&fmt=0"));
  }

  @Test
  void writesOperatorsFormInXmlInTheReferencesOrder() {
    long id = sandbox.seed(NameSeed.of("Full").withOperators(ELEVEN));
    String template =
        "<list><sender mega_step=\"<s>\" mega_int=\"<s>\" bee_step=\"<s>\" "
            + "motiv_step=\"<s>\" motiv_int=\"<s>\" mts_step=\"<s>\" mts_int=\"<s>\" "
            + "tele2_step=\"<s>\" tele2=\"<s>\" ua_reg=\"<s>\" ua_int=\"<s>\" id=\"<id>\">"
            + "<sender></sender></list>";
    assertEquals(fill(template, "Full", id), body("get=1&operators=1&fmt=2"));
  }

  @Test
  void writesOperatorsFormInJsonWithStatusesAndIdAsStrings() {
    long id = sandbox.seed(NameSeed.of("Full").withOperators(ELEVEN));
    String template =
        "[{\"sender\": \"<sender>\", \"mega_step\": \"<s>\", \"mega_int\": \"<s>\", "
            + "\"bee_step\": \"<s>\", \"motiv_step\": \"<s>\", \"motiv_int\": \"<s>\", "
            + "\"mts_step\": \"<s>\", \"mts_int\": \"<s>\", \"tele2_step\": \"<s>\", "
            + "\"tele2\": \"<s>\", \"ua_reg\": \"<s>\", \"ua_int\": \"<s>\", \"id\": \"<id>\"}]";
    assertEquals(fill(template, "Full", id), body("get=1&operators=1&fmt=3"));
  }

  // The reference is silent on operators never requested: the sandbox writes an empty value.
  @ParameterizedTest(name = "fmt={0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0|name = my_shop, mega_step = 1, bee_step = , motiv_step = , mts_step = 2, tele2_step = , tele2 = , ua_reg = , ua_int = , mega_int = , motiv_int = , mts_int = , id = 1",
        "1|my_shop,1",
        "2|<list><sender mega_step=\"1\" mega_int=\"\" bee_step=\"\" motiv_step=\"\" motiv_int=\"\" mts_step=\"2\" mts_int=\"\" tele2_step=\"\" tele2=\"\" ua_reg=\"\" ua_int=\"\" id=\"1\">my_shop</sender></list>",
        "3|[{\"sender\": \"my_shop\", \"mega_step\": \"1\", \"mega_int\": \"\", \"bee_step\": \"\", \"motiv_step\": \"\", \"motiv_int\": \"\", \"mts_step\": \"2\", \"mts_int\": \"\", \"tele2_step\": \"\", \"tele2\": \"\", \"ua_reg\": \"\", \"ua_int\": \"\", \"id\": \"1\"}]"
      })
  void writesEmptyValuesForOperatorsNeverRequested(int fmt, String expected) {
    seedTwo();
    assertEquals(expected, body("get=1&operators=1&fmt=" + fmt));
  }

  @ParameterizedTest(name = "fmt={0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0|name = Beta, status = 0, mega_step = , bee_step = , motiv_step = , mts_step = , tele2_step = , tele2 = , ua_reg = , ua_int = , mega_int = , motiv_int = , mts_int = , sber_step = 2, id = 2",
        "2|<list><sender status=\"0\" mega_step=\"\" mega_int=\"\" bee_step=\"\" motiv_step=\"\" motiv_int=\"\" mts_step=\"\" mts_int=\"\" tele2_step=\"\" tele2=\"\" ua_reg=\"\" ua_int=\"\" sber_step=\"2\" id=\"2\">Beta</sender></list>",
        "3|[{\"sender\": \"Beta\", \"status\": \"0\", \"mega_step\": \"\", \"mega_int\": \"\", \"bee_step\": \"\", \"motiv_step\": \"\", \"motiv_int\": \"\", \"mts_step\": \"\", \"mts_int\": \"\", \"tele2_step\": \"\", \"tele2\": \"\", \"ua_reg\": \"\", \"ua_int\": \"\", \"sber_step\": \"2\", \"id\": \"2\"}]"
      })
  void combinesAllAndOperatorsWithStatusAfterTheNameAndUnknownFlagsBeforeTheId(
      int fmt, String expected) {
    sandbox.seed(NameSeed.of("my_shop").withModeration(1));
    long beta = sandbox.seed(NameSeed.of("Beta").withModeration(0));
    sandbox.setOperatorStatus(beta, "sber_step", 2);
    sandbox.remove(sandbox.idOf("my_shop", null));
    assertEquals(expected, body("get=1&all=1&operators=1&fmt=" + fmt));
  }

  @Test
  void writesExtraFieldsSuchAsAReplacementAnalogAfterTheStatuses() {
    long id =
        sandbox.seed(
            NameSeed.of("Brand")
                .withOperator("mts_step", 2)
                .withExtraFields(Map.of("mts_analog", "SMSC.RU")));
    String json = body("get=1&operators=1&fmt=3");
    assertTrue(
        json.endsWith("\"ua_int\": \"\", \"mts_analog\": \"SMSC.RU\", \"id\": \"" + id + "\"}]"),
        json);
  }

  @ParameterizedTest(name = "fmt={0}")
  @CsvSource(
      delimiter = '|',
      value = {"0|''", "1|''", "2|<list></list>", "3|[]"})
  void writesAnEmptyList(int fmt, String expected) {
    assertEquals(expected, body("get=1&fmt=" + fmt));
  }

  @ParameterizedTest(name = "fmt={0}")
  @CsvSource(
      delimiter = '|',
      value = {"0|ID = 1", "1|1", "2|<sender><id>1</id></sender>", "3|{\"sender\": 1}"})
  void answersAddWithTheNewId(int fmt, String expected) {
    assertEquals(expected, body("add=1&sender=my_shop&cmt=test&fmt=" + fmt));
  }

  @ParameterizedTest(name = "fmt={0}")
  @CsvSource(
      delimiter = '|',
      value = {"0|OK", "1|OK", "2|<result>OK</result>", "3|{\"result\": \"OK\"}"})
  void answersChangeSendCodeConfirmAndDeleteWithOk(int fmt, String ok) {
    sandbox.seed(NameSeed.of("my_shop"));
    assertEquals(ok, body("chg=1&sender=my_shop&cmt=new&fmt=" + fmt));
    assertEquals(ok, body("send_code=1&sender=79999999999&fmt=" + fmt));
    String code = sandbox.lastCode("79999999999").orElseThrow().code();
    assertEquals(ok, body("check_code=1&sender=79999999999&code=" + code + "&fmt=" + fmt));
    assertEquals(ok, body("del=1&sender=my_shop&fmt=" + fmt));
  }

  @ParameterizedTest(name = "fmt={0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0|ERROR = 3 (sender not found)",
        "1|0,-3",
        "2|<result><error>sender not found</error><error_code>3</error_code></result>",
        "3|{\"error\": \"sender not found\", \"error_code\": 3}"
      })
  void writesErrorsInEachFormat(int fmt, String expected) {
    assertEquals(expected, body("del=1&sender=nobody&fmt=" + fmt));
  }

  @Test
  void writesTheErrorNineTextSeenInTheWild() {
    sandbox.failNext(1, 9);
    assertEquals("ERROR = 9 (duplicate request, wait a minute)", body("get=1"));
  }

  @ParameterizedTest(name = "fmt={0}")
  @CsvSource(
      delimiter = '|',
      value = {"0|text/plain", "1|text/plain", "2|text/xml", "3|application/json"})
  void labelsEachFormatWithItsMediaTypeAndTheRequestsCharset(int fmt, String type) {
    assertEquals(type + "; charset=windows-1251", api("get=1&fmt=" + fmt).contentType());
    assertEquals(type + "; charset=UTF-8", api("get=1&charset=utf-8&fmt=" + fmt).contentType());
  }

  /** Fills {@code <sender>}, {@code <id>} and each field's {@code <s>} of a reference line. */
  private static String fill(String template, String sender, long id) {
    Matcher m = Pattern.compile("(\\w+)(?: = |=\"|\": \")<s>").matcher(template);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String field = m.group(1);
      m.appendReplacement(
          b, Matcher.quoteReplacement(m.group().replace("<s>", String.valueOf(ELEVEN.get(field)))));
    }
    m.appendTail(b);
    return b.toString().replace("<sender>", sender).replace("<id>", Long.toString(id));
  }
}
