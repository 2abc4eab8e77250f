package dev.sendersbot.smsc;

import java.util.List;

/**
 * Typed facade over the provider's {@code /sys/senders.php}. Every method makes exactly one
 * request, except {@link #listAll}, which pages with {@code prev_id}, and a whole list asked with
 * {@code all=1&operators=1} whose answer carries no moderation status, which asks {@code all=1}
 * once more for it.
 *
 * <p>Failures: {@link SmscError} when the provider answered with an error code, {@link
 * SmscTransportException} when no usable answer arrived, {@link IllegalArgumentException} (before
 * any request) for input the provider would reject anyway.
 */
public interface SendersApi {

  /** One {@code get=1} request (two for a whole list whose answer lacks moderation). */
  List<Sender> list(ListQuery query);

  /**
   * Reads the whole list, following {@code prev_id} until a page comes back shorter than {@code
   * query.cnt()} (or empty).
   */
  List<Sender> listAll(ListQuery query);

  /** {@code add=1}; returns the id the provider assigned. */
  long add(AddRequest request);

  /** {@code chg=1}. */
  void change(ChangeRequest request);

  /** {@code send_code=1}: the provider texts a code to the digital name. */
  void sendCode(SendCodeRequest request);

  /** {@code check_code=1}. */
  void checkCode(CheckCodeRequest request);

  /** {@code del=1}. */
  void delete(DeleteRequest request);
}
