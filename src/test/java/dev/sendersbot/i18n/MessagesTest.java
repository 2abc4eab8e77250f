package dev.sendersbot.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.text.MessagePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The two bundles agree: the same keys, the same arguments of the same types, the same tags. */
class MessagesTest {
  private static final Pattern TAG = Pattern.compile("</?([a-z]+)[^>]*>");

  @Test
  void everyKeyIsInBothBundles() {
    var en = Messages.standard().keys(Lang.EN);
    var ru = Messages.standard().keys(Lang.RU);
    var onlyEn = new TreeSet<>(en);
    onlyEn.removeAll(ru);
    var onlyRu = new TreeSet<>(ru);
    onlyRu.removeAll(en);
    assertTrue(onlyEn.isEmpty(), "keys missing from the Russian bundle: " + onlyEn);
    assertTrue(onlyRu.isEmpty(), "keys missing from the English bundle: " + onlyRu);
  }

  @Test
  void everyKeyHasTheSameArgumentsInBothBundles() {
    Map<String, String> ru = Messages.standard().all(Lang.RU);
    List<String> differ = new ArrayList<>();
    Messages.standard()
        .all(Lang.EN)
        .forEach(
            (key, en) -> {
              if (ru.containsKey(key) && !arguments(en).equals(arguments(ru.get(key)))) {
                differ.add(key + ": en " + arguments(en) + ", ru " + arguments(ru.get(key)));
              }
            });
    assertTrue(differ.isEmpty(), "arguments differ: " + differ);
  }

  @Test
  void everyKeyHasTheSameTagsInBothBundles() {
    Map<String, String> ru = Messages.standard().all(Lang.RU);
    List<String> differ = new ArrayList<>();
    Messages.standard()
        .all(Lang.EN)
        .forEach(
            (key, en) -> {
              if (ru.containsKey(key) && !tags(en).equals(tags(ru.get(key)))) {
                differ.add(key);
              }
            });
    assertTrue(differ.isEmpty(), "tags differ: " + differ);
  }

  @Test
  void theArgumentReaderSeesPluralsAndPlainArguments() {
    assertEquals(
        Map.of("0", "PLURAL", "1", "NONE"),
        arguments("{1} and {0, plural, one{# name} other{# names}}"));
  }

  @Test
  void theArgumentReaderTellsNamedArgumentsApart() {
    // A named argument has no number: two different names must not look alike.
    assertEquals(
        Map.of("count", "PLURAL", "name", "NONE"), arguments("{name}: {count, plural, other{#}}"));
    assertTrue(!arguments("{who}").equals(arguments("{whom}")));
  }

  @Test
  void everyPluralHasAnOtherForm() {
    List<String> lacking = new ArrayList<>();
    for (Lang l : Lang.values()) {
      Messages.standard()
          .all(l)
          .forEach(
              (key, pattern) -> {
                for (java.util.Set<String> forms : pluralForms(pattern)) {
                  if (!forms.contains("other")) {
                    lacking.add(l.tag() + " " + key);
                  }
                }
              });
    }
    assertTrue(lacking.isEmpty(), "plurals without 'other' (ICU needs it): " + lacking);
  }

  /** Argument name or number to its type (NONE for a plain one), across every sub-message. */
  static Map<String, String> arguments(String pattern) {
    MessagePattern p = new MessagePattern(pattern);
    Map<String, String> out = new TreeMap<>();
    for (int i = 0; i < p.countParts(); i++) {
      MessagePattern.Part part = p.getPart(i);
      if (part.getType() == MessagePattern.Part.Type.ARG_START) {
        // ARG_NUMBER or ARG_NAME: its text is the number or the name.
        String id = p.getSubstring(p.getPart(i + 1));
        out.merge(id, part.getArgType().name(), (a, b) -> a);
      }
    }
    return out;
  }

  /** The selectors (one, few, =0, other…) of each plural argument of a pattern. */
  private static List<java.util.Set<String>> pluralForms(String pattern) {
    MessagePattern p = new MessagePattern(pattern);
    List<java.util.Set<String>> out = new ArrayList<>();
    for (int i = 0; i < p.countParts(); i++) {
      MessagePattern.Part part = p.getPart(i);
      if (part.getType() == MessagePattern.Part.Type.ARG_START
          && part.getArgType() == MessagePattern.ArgType.PLURAL) {
        java.util.Set<String> forms = new TreeSet<>();
        int limit = p.getLimitPartIndex(i);
        for (int j = i + 1; j < limit; j++) {
          MessagePattern.Part q = p.getPart(j);
          if (q.getType() == MessagePattern.Part.Type.ARG_SELECTOR) {
            forms.add(p.getSubstring(q));
          } else if (q.getType() == MessagePattern.Part.Type.MSG_START) {
            j = p.getLimitPartIndex(j); // a nested message's own selectors are its own
          }
        }
        out.add(forms);
      }
    }
    return out;
  }

  /** The tags a pattern uses; counted once, since each plural branch repeats its own. */
  private static java.util.Set<String> tags(String pattern) {
    java.util.Set<String> out = new TreeSet<>();
    Matcher m = TAG.matcher(pattern);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
