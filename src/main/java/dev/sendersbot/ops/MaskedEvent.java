package dev.sendersbot.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A log event as a layout may see it: every text that came from the caller (message, arguments,
 * thread name, MDC, key-value pairs, exception messages down the cause and suppressed chains)
 * passes through {@link LogMasking#mask(String)}. The message is the formatted one and the argument
 * array is withheld, so a secret passed as an argument cannot reach an encoder that prints
 * arguments apart.
 */
final class MaskedEvent implements ILoggingEvent {
  private final ILoggingEvent event;
  private String message;

  MaskedEvent(ILoggingEvent event) {
    this.event = event;
  }

  @Override
  public String getMessage() {
    return getFormattedMessage();
  }

  @Override
  public Object[] getArgumentArray() {
    return null;
  }

  @Override
  public String getFormattedMessage() {
    if (message == null) {
      message = LogMasking.mask(event.getFormattedMessage());
    }
    return message;
  }

  @Override
  public String getThreadName() {
    return LogMasking.mask(event.getThreadName());
  }

  @Override
  public IThrowableProxy getThrowableProxy() {
    return MaskedThrowable.of(event.getThrowableProxy());
  }

  @Override
  public Map<String, String> getMDCPropertyMap() {
    return masked(event.getMDCPropertyMap());
  }

  /**
   * @deprecated as in {@link ILoggingEvent}; the same as {@link #getMDCPropertyMap()}.
   */
  @Override
  @Deprecated
  public Map<String, String> getMdc() {
    return getMDCPropertyMap();
  }

  @Override
  public List<KeyValuePair> getKeyValuePairs() {
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs == null || pairs.isEmpty()) {
      return pairs;
    }
    List<KeyValuePair> out = new ArrayList<>(pairs.size());
    for (KeyValuePair p : pairs) {
      out.add(
          new KeyValuePair(
              p.key, p.value == null ? null : LogMasking.mask(String.valueOf(p.value))));
    }
    return out;
  }

  @Override
  public Level getLevel() {
    return event.getLevel();
  }

  @Override
  public String getLoggerName() {
    return event.getLoggerName();
  }

  @Override
  public LoggerContextVO getLoggerContextVO() {
    return event.getLoggerContextVO();
  }

  @Override
  public StackTraceElement[] getCallerData() {
    return event.getCallerData();
  }

  @Override
  public boolean hasCallerData() {
    return event.hasCallerData();
  }

  @Override
  public List<Marker> getMarkerList() {
    return event.getMarkerList();
  }

  @Override
  public long getTimeStamp() {
    return event.getTimeStamp();
  }

  @Override
  public int getNanoseconds() {
    return event.getNanoseconds();
  }

  @Override
  public long getSequenceNumber() {
    return event.getSequenceNumber();
  }

  @Override
  public void prepareForDeferredProcessing() {
    event.prepareForDeferredProcessing();
  }

  private static Map<String, String> masked(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return map;
    }
    Map<String, String> out = null;
    for (Map.Entry<String, String> e : map.entrySet()) {
      String v = LogMasking.mask(e.getValue());
      // mask() hands back the very string when it found nothing: identity is the cheap test.
      @SuppressWarnings("ReferenceEquality")
      boolean changed = v != e.getValue();
      if (changed && out == null) {
        out = new LinkedHashMap<>(map);
      }
      if (out != null) {
        out.put(e.getKey(), v);
      }
    }
    return out == null ? map : out;
  }

  /** An exception as a layout sees it, messages masked down the whole chain. */
  static final class MaskedThrowable implements IThrowableProxy {
    private final IThrowableProxy proxy;

    private MaskedThrowable(IThrowableProxy proxy) {
      this.proxy = proxy;
    }

    static IThrowableProxy of(IThrowableProxy proxy) {
      return proxy == null || proxy instanceof MaskedThrowable ? proxy : new MaskedThrowable(proxy);
    }

    @Override
    public String getMessage() {
      return LogMasking.mask(proxy.getMessage());
    }

    @Override
    public String getClassName() {
      return proxy.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
      return proxy.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
      return proxy.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
      return of(proxy.getCause());
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
      IThrowableProxy[] s = proxy.getSuppressed();
      if (s == null || s.length == 0) {
        return s;
      }
      IThrowableProxy[] out = new IThrowableProxy[s.length];
      for (int i = 0; i < s.length; i++) {
        out[i] = of(s[i]);
      }
      return out;
    }

    @Override
    public boolean isCyclic() {
      return proxy.isCyclic();
    }
  }
}
