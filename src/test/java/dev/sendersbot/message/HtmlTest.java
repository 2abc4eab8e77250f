package dev.sendersbot.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void escapesTheCharactersTelegramParses() {
    assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", Html.escape("a <b> & \"c\""));
    assertEquals("", Html.escape(null));
  }

  @Test
  void splitsLongTextOnLinesAndKeepsEveryChunkBalanced() {
    StringBuilder b = new StringBuilder("<b>Sender names</b>\n<pre>");
    for (int i = 0; i < 500; i++) {
      b.append("name_").append(i).append(" &amp; status ").append(i % 7).append('\n');
    }
    b.append("</pre>\nend");
    List<String> chunks = Html.split(b.toString(), Reply.MAX_TEXT);
    assertTrue(chunks.size() > 1, "a long text is split");
    StringBuilder visible = new StringBuilder();
    for (String c : chunks) {
      assertTrue(c.length() <= Reply.MAX_TEXT, "chunk within the limit: " + c.length());
      assertBalanced(c);
      visible.append(Html.visibleText(c));
    }
    assertEquals(Html.visibleText(b.toString()), visible.toString(), "nothing lost or repeated");
  }

  @Test
  void cutsAnOverlongLineOutsideTagsAndEntities() {
    String line = "x&amp;".repeat(2000);
    for (String c : Html.split(line, 4096)) {
      assertTrue(c.length() <= 4096);
      assertTrue(
          !c.endsWith("&") && !c.endsWith("&amp") && !c.startsWith("amp;"),
          c.substring(c.length() - 5));
    }
  }

  private static void assertBalanced(String chunk) {
    Matcher m = Pattern.compile("<(/?)([a-z]+)[^>]*>").matcher(chunk);
    int depth = 0;
    while (m.find()) {
      depth += m.group(1).isEmpty() ? 1 : -1;
      assertTrue(depth >= 0, "closing before opening in: " + chunk);
    }
    assertEquals(0, depth, "unbalanced chunk");
  }
}
