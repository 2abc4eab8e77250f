package dev.sendersbot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sendersbot.smsc.AddRequest;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.SmscError;
import dev.sendersbot.testing.FakeClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DirectGatewayTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2025-06-02T12:00:00Z"));
  private final FakeSendersApi api = new FakeSendersApi(clock);
  private final DirectGateway gateway = new DirectGateway(api, clock);

  @Test
  void sendsEveryCallToTheProvider() {
    for (int i = 0; i < 10; i++) {
      gateway.list(ListQuery.full(null));
    }
    gateway.add(AddRequest.of("NEWNAME", null, null));

    assertEquals(10, api.count(ProviderOperation.LIST));
    assertEquals(11, gateway.status().providerRequests());
    assertEquals(10, gateway.status().listRequestsLastMinute());
    assertEquals(1, gateway.status().createsLastMinute());
  }

  @Test
  void passesProviderErrorsThroughAndKeepsCalling() {
    api.failNext(ProviderOperation.LIST, new SmscError("list", 9, "wait a minute"));

    assertThrows(SmscError.class, () -> gateway.list(ListQuery.full(null)));
    gateway.list(ListQuery.full(null));

    assertEquals(2, api.count(ProviderOperation.LIST));
    assertEquals("list: provider error 9 (wait a minute)", gateway.status().lastError());
  }
}
