package dev.sendersbot.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input the provider would reject costs no request (and no rate budget). */
class NothingSentForInvalidInputTest {

  @RegisterExtension final SmscServerExtension smsc = SmscServerExtension.primaryOnly();
  final MockWebServer server = smsc.primary();
  final SendersApi api = smsc.api();

  // Runs before the extension shuts the server down.
  @AfterEach
  void nothingWasSent() {
    assertEquals(0, server.getRequestCount(), "no request may have been sent");
  }

  private static String refused(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  @Test
  void aDocumentThatIsNotOneOfTheAcceptedTypesIsRefusedByItsContent() {
    byte[] exe = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0};

    String message =
        refused(
            () ->
                api.add(
                    new AddRequest(
                        "my_shop",
                        null,
                        Set.of(),
                        null,
                        false,
                        null,
                        new Document("certificate.pdf", exe, null),
                        null)));

    assertTrue(
        message.contains("'certificate.pdf' is not a jpg, tif, pdf, png, zip or rar"), message);
  }

  @Test
  void aDocumentWhoseNameDisagreesWithItsContentIsRefused() {
    byte[] pdf = "%PDF-1.7 ...".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    String message =
        refused(
            () ->
                api.change(
                    new ChangeRequest(
                        SenderRef.name("my_shop"),
                        null,
                        null,
                        new Document("scan.png", pdf, null),
                        null)));

    assertTrue(message.contains("named .png but its content is pdf"), message);
  }

  @Test
  void aDocumentOverThreeMegabytesIsRefused() {
    byte[] big = new byte[Document.MAX_BYTES + 1];
    big[0] = '%';
    big[1] = 'P';
    big[2] = 'D';
    big[3] = 'F';
    Arrays.fill(big, 4, big.length, (byte) ' ');

    String message =
        refused(
            () ->
                api.add(
                    new AddRequest(
                        "my_shop",
                        null,
                        Set.of(),
                        null,
                        false,
                        null,
                        new Document("big.pdf", big, null),
                        null)));

    assertTrue(message.contains("3000001 bytes"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"too_long_name", "my shop", "магазин", "", "1234567890123456"})
  void anInvalidSenderNameIsRefused(String name) {
    refused(() -> api.add(AddRequest.of(name, null, null)));
    refused(() -> api.delete(new DeleteRequest(SenderRef.name(name), null)));
  }

  @Test
  void anInvalidPhoneOrCodeIsRefused() {
    refused(() -> api.sendCode(SendCodeRequest.of("my_shop", null)));
    refused(() -> api.checkCode(new CheckCodeRequest("79991234567", "12a4", null)));
  }

  @Test
  void anInvalidSubClientOrListQueryIsRefused() {
    refused(() -> api.list(ListQuery.full("sub client")));
    refused(() -> api.list(ListQuery.full(null).withCnt(15_001)));
    refused(() -> api.listAll(ListQuery.full(null).withPrevId(0L)));
  }

  // Why: a flag goes on the wire as flag=1, so "psw" or "del" would rewrite the request.
  @ParameterizedTest
  @ValueSource(strings = {"psw", "login", "apikey", "del", "get", "sender", "user", "fmt", "code"})
  void anOperatorFlagThatIsARequestParameterIsRefused(String flag) {
    String add =
        refused(
            () ->
                api.add(
                    new AddRequest(
                        "my_shop", null, Set.of("mts_step", flag), null, false, null, null, null)));
    String chg =
        refused(
            () -> api.change(new ChangeRequest(SenderRef.id(1), null, Set.of(flag), null, null)));

    assertEquals("'" + flag + "' is a request parameter of senders.php, not an operator flag", add);
    assertEquals(add, chg);
  }

  @Test
  void aMailNameWithoutAnEmailSenderIsRefused() {
    String message =
        refused(
            () ->
                api.add(
                    new AddRequest("my_shop", null, Set.of(), null, false, "Alex", null, null)));

    assertTrue(message.contains("only with an e-mail sender (mail=1)"), message);
  }
}
