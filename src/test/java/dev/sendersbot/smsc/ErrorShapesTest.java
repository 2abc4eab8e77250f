package dev.sendersbot.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The provider's error in each of the reference's formats, whatever {@code fmt} was asked: each is
 * the provider's error, never a transport failure, so that a list is not tried again on the backup
 * host (a second request after error 2 or 4 lengthens the IP block).
 */
class ErrorShapesTest {

  @RegisterExtension final SmscServerExtension smsc = SmscServerExtension.withBackup();
  final MockWebServer primary = smsc.primary();
  final MockWebServer backup = smsc.backup();

  SendersApi api() {
    return SmscClients.http(
        Fixtures.settings(Fixtures.baseUrl(primary), SmscServerExtension.PATIENT),
        smsc.shared(),
        Fixtures.baseUrl(backup));
  }

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of("fmt=0 after a byte order mark", "\uFEFFERROR = 4 (IP blocked)\n", 4),
        Arguments.of("fmt=1", "0,-4", 4),
        Arguments.of("fmt=1 with a line break", "0,-2\r\n", 2),
        Arguments.of(
            "fmt=2",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<result><error>IP blocked</error><error_code>4</error_code></result>",
            4),
        Arguments.of(
            "fmt=2 without a declaration",
            "<result><error>invalid login</error><error_code>2</error_code></result>",
            2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void anErrorInAnyFormatIsTheProvidersErrorAndIsNotRetried(String what, String body, int code) {
    primary.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "text/plain; charset=utf-8")
            .setBody(new Buffer().write(body.getBytes(StandardCharsets.UTF_8))));
    backup.enqueue(Fixtures.json("[]"));

    SmscError e = assertThrows(SmscError.class, () -> api().list(ListQuery.full(null)));

    assertEquals(code, e.rawCode(), e.getMessage());
    assertEquals(1, primary.getRequestCount());
    assertEquals(0, backup.getRequestCount(), "no second request after a provider error");
  }
}
