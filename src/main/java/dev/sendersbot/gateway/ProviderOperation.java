package dev.sendersbot.gateway;

/** The provider's operations, as counted in {@link GatewayMetrics}. */
public enum ProviderOperation {
  LIST("get"),
  ADD("add"),
  CHANGE("chg"),
  SEND_CODE("send_code"),
  CHECK_CODE("check_code"),
  DELETE("del");

  private final String flag;

  ProviderOperation(String flag) {
    this.flag = flag;
  }

  /** The command flag on the wire ({@code get}, {@code add}, ...), usable as a metric label. */
  public String flag() {
    return flag;
  }
}
