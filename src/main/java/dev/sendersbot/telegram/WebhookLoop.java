package dev.sendersbot.telegram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook mode's lifecycle, as {@link PollLoop} is polling's: listens first, so that the first
 * update Telegram posts finds the server, then calls setWebhook (retrying with back-off while the
 * Bot API cannot be reached or is failing); on stop, stops listening and calls deleteWebhook, so
 * that Telegram keeps what arrives meanwhile until the next start.
 */
final class WebhookLoop {
  private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);

  private final WebhookSettings settings;
  private final BotApiEndpoint endpoint;
  private final TokenRedactor redactor;
  private final WebhookRegistration registration;
  private final PollBackOff backOff;
  private volatile WebhookServer server;
  private volatile boolean registered;
  private volatile boolean keepRegistration;

  WebhookLoop(
      WebhookSettings settings,
      String token,
      BotApiEndpoint endpoint,
      OkHttpClient http,
      TokenRedactor redactor,
      PollBackOff backOff) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.registration = new WebhookRegistration(token, endpoint, http, redactor);
    this.backOff = Objects.requireNonNull(backOff, "backOff");
  }

  /**
   * Listens, then registers the webhook with Telegram.
   *
   * @return true once registered; false when {@code closed} came first
   * @throws IllegalStateException when the address cannot be bound, or the Bot API rejects the
   *     token (401/404) or the webhook (another 4xx: its description says why)
   */
  boolean start(WebhookServer.Delivery delivery, AtomicBoolean closed, CountDownLatch closing) {
    try {
      server = WebhookServer.start(settings, delivery);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "Cannot listen for the webhook on "
              + settings.bind()
              + ":"
              + settings.port()
              + " (telegram.webhook.bind, telegram.webhook.port): "
              + e.getMessage(),
          e);
    }
    while (!closed.get()) {
      String why;
      try {
        registration.set(settings);
        registered = true;
        backOff.reset();
        return true;
      } catch (WebhookRegistration.Refused e) {
        if (e.status() == 401 || e.status() == 404) {
          throw new IllegalStateException(
              "The Bot API at " + endpoint + " rejected telegram.token (HTTP " + e.status() + ")");
        }
        if (!e.retryable()) {
          throw new IllegalStateException(
              "The Bot API at "
                  + endpoint
                  + " refused the webhook "
                  + settings.url()
                  + " (telegram.webhook.url): "
                  + e.getMessage());
        }
        if (e.retryAfterSeconds() > 0) {
          backOff.retryAfter(Duration.ofSeconds(e.retryAfterSeconds()));
        }
        why = e.getMessage();
      } catch (IOException e) {
        why = redactor.mask(String.valueOf(e));
      }
      long wait = backOff.nextBackOffMillis();
      log.warn(
          "Cannot set the webhook at the Bot API at {} ({}); retrying in {} ms",
          endpoint,
          why,
          wait);
      try {
        if (closing.await(wait, TimeUnit.MILLISECONDS)) {
          return false;
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /** True while the server listens and Telegram has been told where it is. */
  boolean isServing() {
    return server != null && registered;
  }

  /** Where the server listens; empty before start. */
  InetSocketAddress address() {
    WebhookServer s = server;
    if (s == null) {
      throw new IllegalStateException("not listening");
    }
    return s.address();
  }

  /**
   * {@link #stop} leaves the webhook set: another replica, the new leader, has set it to the same
   * URL or is about to, and a deleteWebhook now would take it from under that replica.
   */
  void keepRegistration() {
    keepRegistration = true;
  }

  /** Stops listening, then tells Telegram to keep the updates until the next start. */
  void stop() {
    WebhookServer s = server;
    if (s != null) {
      s.close();
    }
    if (!registered) {
      return;
    }
    registered = false;
    if (keepRegistration) {
      log.info("Stopped serving the webhook; left it set for the replica that leads now");
      return;
    }
    try {
      registration.delete();
    } catch (IOException | WebhookRegistration.Refused e) {
      log.warn(
          "Could not delete the webhook at the Bot API at {} ({}); Telegram keeps posting to {}",
          endpoint,
          redactor.mask(String.valueOf(e)),
          settings.url());
    }
  }
}
