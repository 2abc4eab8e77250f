package dev.sendersbot.smsc;

/** {@code check_code=1}. */
public record CheckCodeRequest(String phone, String code, String user) {
  public CheckCodeRequest {
    phone = SenderNames.checkPhone(phone);
    code = SenderNames.checkCode(code);
    user = SubClient.normalise(user);
  }

  /** The code is a secret: never printed. */
  @Override
  public String toString() {
    return "CheckCodeRequest[phone=" + phone + ", code=***, user=" + user + "]";
  }
}
