package dev.sendersbot.smsc;

/**
 * {@code send_code=1}.
 *
 * @param phone the digital name (checked, '+' dropped)
 * @param site optional activated sender the code is sent from
 * @param siteName optional site address shown in the message
 * @param user sub-client; may be null
 */
public record SendCodeRequest(String phone, String site, String siteName, String user) {
  public SendCodeRequest {
    phone = SenderNames.checkPhone(phone);
    user = SubClient.normalise(user);
  }

  public static SendCodeRequest of(String phone, String user) {
    return new SendCodeRequest(phone, null, null, user);
  }
}
