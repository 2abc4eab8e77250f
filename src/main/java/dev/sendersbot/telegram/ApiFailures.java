package dev.sendersbot.telegram;

import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.message.DeliveryException.Kind;
import java.time.Duration;
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

/** What a failed Bot API call means for the caller: the {@link DeliveryException} kinds. */
final class ApiFailures {
  private ApiFailures() {}

  /** The failure of {@code what}, its message masked (no token). */
  static DeliveryException classify(String what, TelegramApiException e, TokenRedactor redactor) {
    if (e instanceof TelegramApiRequestException r
        && r.getErrorCode() != null
        && r.getErrorCode() != 0) {
      int code = r.getErrorCode();
      ResponseParameters p = r.getParameters();
      String message = what + " failed: [" + code + "] " + redactor.mask(r.getApiResponse());
      if (code == 429) {
        int after = p != null && p.getRetryAfter() != null ? Math.max(1, p.getRetryAfter()) : 1;
        return new DeliveryException(
            Kind.RETRY_AFTER, message, Duration.ofSeconds(after), null, null);
      }
      if (p != null && p.getMigrateToChatId() != null) {
        return new DeliveryException(Kind.MIGRATED, message, null, p.getMigrateToChatId(), null);
      }
      if (code == 403) {
        return new DeliveryException(Kind.FORBIDDEN, message, null, null, null);
      }
      if (code >= 500) {
        return new DeliveryException(Kind.TRANSIENT, message, null, null, null);
      }
      return new DeliveryException(Kind.REJECTED, message, null, null, null);
    }
    if (e instanceof TelegramApiValidationException) {
      return new DeliveryException(
          Kind.REJECTED, what + " is invalid: " + redactor.mask(e.getMessage()), null, null, null);
    }
    Throwable cause = e.getCause();
    if (cause instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new DeliveryException(Kind.TRANSIENT, what + " interrupted", null, null, null);
    }
    String detail =
        cause != null
            ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
            : e.getMessage();
    return new DeliveryException(
        Kind.TRANSIENT,
        what + " failed: " + redactor.mask(detail),
        null,
        null,
        redactor.scrub(cause != null ? cause : e));
  }
}
