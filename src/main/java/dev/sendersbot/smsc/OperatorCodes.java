package dev.sendersbot.smsc;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The operator status codes of one name, in the provider's order: an immutable {@code Map} kept as
 * two arrays. A list of 15,000 names holds 15,000 of these, and so does the watcher's snapshot; a
 * {@code LinkedHashMap} each was ten times the memory and most of a poll's garbage. {@link #flag},
 * {@link #code} and {@link #indexOf} read it without boxing.
 */
public final class OperatorCodes extends AbstractMap<String, Integer> {

  public static final OperatorCodes EMPTY = new OperatorCodes(new String[0], new int[0]);

  private final String[] flags;
  private final int[] codes;

  private OperatorCodes(String[] flags, int[] codes) {
    this.flags = flags;
    this.codes = codes;
  }

  /**
   * Takes the arrays as they are: the caller made them for this and never changes them. Flags must
   * be distinct and not null, and the arrays of equal length.
   */
  static OperatorCodes wrap(String[] flags, int[] codes) {
    return flags.length == 0 ? EMPTY : new OperatorCodes(flags, codes);
  }

  /**
   * These flags with these codes, in this order (the arrays are copied).
   *
   * @throws IllegalArgumentException when the lengths differ or a flag is given twice
   */
  public static OperatorCodes of(String[] flags, int[] codes) {
    if (flags.length != codes.length) {
      throw new IllegalArgumentException(
          flags.length + " operator status fields but " + codes.length + " codes");
    }
    String[] f = new String[flags.length];
    for (int i = 0; i < flags.length; i++) {
      f[i] = Operators.knownFlag(Objects.requireNonNull(flags[i], "operator status field name"));
      for (int j = 0; j < i; j++) {
        if (f[j].equals(f[i])) {
          throw new IllegalArgumentException("operator status field '" + f[i] + "' given twice");
        }
      }
    }
    return wrap(f, codes.clone());
  }

  /** The same flags with other codes: answers share a handful of layouts among all their names. */
  OperatorCodes withCodes(int[] otherCodes) {
    return new OperatorCodes(flags, otherCodes);
  }

  /** The same entries in the same order; {@code m} itself when it already is one. */
  public static OperatorCodes copyOf(Map<String, Integer> m) {
    if (m instanceof OperatorCodes codes) {
      return codes;
    }
    if (m == null || m.isEmpty()) {
      return EMPTY;
    }
    String[] flags = new String[m.size()];
    int[] codes = new int[m.size()];
    int i = 0;
    for (Map.Entry<String, Integer> e : m.entrySet()) {
      flags[i] =
          Operators.knownFlag(Objects.requireNonNull(e.getKey(), "operator status field name"));
      codes[i] =
          Objects.requireNonNull(e.getValue(), () -> "operator status of " + e.getKey()).intValue();
      i++;
    }
    return new OperatorCodes(flags, codes);
  }

  @Override
  public int size() {
    return flags.length;
  }

  /** The field name at {@code i}, in the provider's order. */
  public String flag(int i) {
    return flags[i];
  }

  /** The status code at {@code i}. */
  public int code(int i) {
    return codes[i];
  }

  /** Where {@code flag} is, or -1. */
  public int indexOf(String flag) {
    return indexOf(flag, 0);
  }

  /**
   * Where {@code flag} is, or -1, looking at {@code hint} first: two answers list a name's fields
   * in the same order, so comparing them position by position finds each at once.
   */
  public int indexOf(String flag, int hint) {
    if (hint >= 0 && hint < flags.length && same(flags[hint], flag)) {
      return hint;
    }
    for (int i = 0; i < flags.length; i++) {
      if (same(flags[i], flag)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * These entries, then those of {@code older} whose flag this one lacks: what is known after a new
   * answer that left some field out.
   */
  public OperatorCodes plusMissingFrom(OperatorCodes older) {
    int missing = 0;
    for (int i = 0; i < older.flags.length; i++) {
      if (indexOf(older.flags[i], i) < 0) {
        missing++;
      }
    }
    if (missing == 0) {
      return this;
    }
    String[] f = Arrays.copyOf(flags, flags.length + missing);
    int[] c = Arrays.copyOf(codes, codes.length + missing);
    int n = flags.length;
    for (int i = 0; i < older.flags.length; i++) {
      if (indexOf(older.flags[i], i) < 0) {
        f[n] = older.flags[i];
        c[n] = older.codes[i];
        n++;
      }
    }
    return new OperatorCodes(f, c);
  }

  /** Whether {@code other} has every entry of this one (and maybe more). */
  public boolean containedIn(OperatorCodes other) {
    for (int i = 0; i < flags.length; i++) {
      int j = other.indexOf(flags[i], i);
      if (j < 0 || other.codes[j] != codes[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Integer get(Object key) {
    if (!(key instanceof String flag)) {
      return null;
    }
    int i = indexOf(flag);
    return i < 0 ? null : codes[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String flag && indexOf(flag) >= 0;
  }

  @Override
  public Set<Map.Entry<String, Integer>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return flags.length;
      }

      @Override
      public Iterator<Map.Entry<String, Integer>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < flags.length;
          }

          @Override
          public Map.Entry<String, Integer> next() {
            if (next >= flags.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return Map.entry(flags[i], codes[i]);
          }
        };
      }
    };
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (o instanceof OperatorCodes other) {
      return other.flags.length == flags.length && containedIn(other);
    }
    return super.equals(o);
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (int i = 0; i < flags.length; i++) {
      h += flags[i].hashCode() ^ Integer.hashCode(codes[i]);
    }
    return h;
  }

  // Field names from the parser are interned, as are the known flags: identity settles most.
  @SuppressWarnings("ReferenceEquality")
  private static boolean same(String a, String b) {
    return a == b || (a.hashCode() == b.hashCode() && a.equals(b));
  }
}
