package dev.sendersbot.ops;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The encoder of {@link LogConfigurator}'s console appender: one line per event, either text (the
 * {@code pattern}) or JSON (Logback's own {@link JsonEncoder}, one object per line), with every
 * secret masked by {@link LogMasking} before either sees the event.
 *
 * <p>{@code format} is {@code text} or {@code json}; {@link LogSetup#applyFormat} switches it at
 * start-up from {@code logging.format} in the configuration.
 */
public final class MaskingEncoder extends EncoderBase<ILoggingEvent> {
  private static final byte[] NOTHING = new byte[0];

  private String pattern = "%d %-5level [%thread] %logger{36} - %msg%n%ex";
  private volatile boolean json;
  private PatternLayout text;
  private JsonEncoder jsonEncoder;

  /** The text layout's pattern (Logback pattern syntax). */
  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  public String getPattern() {
    return pattern;
  }

  /**
   * {@code text} or {@code json} (any case); anything else keeps text and says so in Logback's
   * status, since a typo must not silence the log.
   */
  public void setFormat(String format) {
    String f = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
    switch (f) {
      case "json" -> json = true;
      case "text", "" -> json = false;
      default -> {
        addWarn("log format '" + format + "' is neither text nor json; using text");
        json = false;
      }
    }
  }

  public String getFormat() {
    return json ? "json" : "text";
  }

  @Override
  public void start() {
    text = new PatternLayout();
    text.setContext(getContext());
    text.setPattern(pattern);
    text.start();

    jsonEncoder = new JsonEncoder();
    jsonEncoder.setContext(getContext());
    // The masked formatted message goes out as "message"; the raw arguments never do.
    jsonEncoder.setWithArguments(false);
    jsonEncoder.setWithFormattedMessage(false);
    jsonEncoder.setWithContext(false);
    jsonEncoder.setWithSequenceNumber(false);
    jsonEncoder.setWithNanoseconds(false);
    jsonEncoder.start();
    super.start();
  }

  @Override
  public void stop() {
    if (text != null) {
      text.stop();
    }
    if (jsonEncoder != null) {
      jsonEncoder.stop();
    }
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return NOTHING;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ILoggingEvent masked = new MaskedEvent(event);
    if (json) {
      return jsonEncoder.encode(masked);
    }
    return text.doLayout(masked).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] footerBytes() {
    return NOTHING;
  }
}
