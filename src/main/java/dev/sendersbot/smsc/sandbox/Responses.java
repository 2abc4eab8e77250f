package dev.sendersbot.smsc.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes answers byte for byte as the reference shows them, in fmt 0 (plain), 1 (comma-separated),
 * 2 (XML) and 3 (JSON). Lines are separated by "\n", with no trailing line break.
 */
final class Responses {
  private Responses() {}

  static String error(int fmt, int code, String description) {
    return switch (fmt) {
      case 1 -> "0,-" + code;
      case 2 ->
          "<result><error>"
              + xml(description)
              + "</error><error_code>"
              + code
              + "</error_code></result>";
      case 3 -> "{\"error\": " + json(description) + ", \"error_code\": " + code + "}";
      default -> "ERROR = " + code + " (" + description + ")";
    };
  }

  static String ok(int fmt) {
    return switch (fmt) {
      case 2 -> "<result>OK</result>";
      case 3 -> "{\"result\": \"OK\"}";
      default -> "OK";
    };
  }

  static String id(int fmt, long id) {
    return switch (fmt) {
      case 1 -> Long.toString(id);
      case 2 -> "<sender><id>" + id + "</id></sender>";
      case 3 -> "{\"sender\": " + id + "}";
      default -> "ID = " + id;
    };
  }

  /**
   * The list. fmt=1 has no {@code operators=1} form in the reference, so there it is ignored. With
   * {@code all=1} and {@code operators=1} together (the reference is silent) the operators form
   * gets a {@code status} right after the name, written like the form's other fields.
   */
  static String list(int fmt, boolean all, boolean operators, List<SandboxName> names) {
    StringBuilder b = new StringBuilder(names.size() * (operators ? 260 : 40) + 16);
    switch (fmt) {
      case 1 -> {
        for (int i = 0; i < names.size(); i++) {
          SandboxName n = names.get(i);
          if (i > 0) {
            b.append('\n');
          }
          b.append(n.name()).append(',');
          if (all) {
            b.append(n.moderation()).append(',');
          }
          b.append(n.id());
        }
      }
      case 2 -> {
        b.append("<list>");
        for (SandboxName n : names) {
          b.append("<sender");
          if (all) {
            b.append(" status=\"").append(n.moderation()).append('"');
          }
          if (operators) {
            for (Map.Entry<String, String> f :
                operatorFields(n, SandboxOperators.STRUCTURED_ORDER)) {
              b.append(' ').append(f.getKey()).append("=\"").append(xml(f.getValue())).append('"');
            }
          }
          b.append(" id=\"").append(n.id()).append("\">").append(xml(n.name())).append("</sender>");
        }
        b.append("</list>");
      }
      case 3 -> {
        b.append('[');
        for (int i = 0; i < names.size(); i++) {
          SandboxName n = names.get(i);
          if (i > 0) {
            b.append(", ");
          }
          b.append("{\"sender\": ").append(json(n.name()));
          if (operators) {
            if (all) {
              b.append(", \"status\": \"").append(n.moderation()).append('"');
            }
            for (Map.Entry<String, String> f :
                operatorFields(n, SandboxOperators.STRUCTURED_ORDER)) {
              b.append(", ").append(json(f.getKey())).append(": ").append(json(f.getValue()));
            }
            b.append(", \"id\": \"").append(n.id()).append("\"}");
          } else {
            if (all) {
              b.append(", \"status\": ").append(n.moderation());
            }
            b.append(", \"id\": ").append(n.id()).append('}');
          }
        }
        b.append(']');
      }
      default -> {
        for (int i = 0; i < names.size(); i++) {
          SandboxName n = names.get(i);
          if (i > 0) {
            b.append('\n');
          }
          b.append("name = ").append(n.name());
          if (all) {
            b.append(", status = ").append(n.moderation());
          }
          if (operators) {
            for (Map.Entry<String, String> f : operatorFields(n, SandboxOperators.PLAIN_ORDER)) {
              b.append(", ").append(f.getKey()).append(" = ").append(f.getValue());
            }
          }
          b.append(", id = ").append(n.id());
        }
      }
    }
    return b.toString();
  }

  /**
   * The reference's eleven fields in the given order (empty where the name was never requested at
   * that operator), then statuses at other operators, then any extra fields.
   */
  private static List<Map.Entry<String, String>> operatorFields(SandboxName n, List<String> order) {
    List<Map.Entry<String, String>> out = new ArrayList<>(order.size() + 2);
    for (String flag : order) {
      Integer s = n.operators().get(flag);
      out.add(Map.entry(flag, s == null ? "" : s.toString()));
    }
    for (Map.Entry<String, Integer> e : n.operators().entrySet()) {
      if (!order.contains(e.getKey())) {
        out.add(Map.entry(e.getKey(), e.getValue().toString()));
      }
    }
    for (Map.Entry<String, String> e : n.extraFields().entrySet()) {
      out.add(Map.entry(e.getKey(), e.getValue()));
    }
    return out;
  }

  static String xml(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static String json(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
