package dev.sendersbot.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import okhttp3.FormBody;
import okhttp3.MultipartBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a request carries before it goes on the wire, read from the encoded body itself. */
class SendersFormTest {

  static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

  static List<String> names(FormBody form) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < form.size(); i++) {
      names.add(form.name(i));
    }
    return names;
  }

  @Test
  void theCommandAndTheSignInComeFirstThenTheFormatThenTheFieldsInOrder() {
    SendersForm add = SendersForm.add(AddRequest.of("my_shop", "a shop", "subalex"));
    SendersForm list = SendersForm.list(ListQuery.full(null));

    FormBody byPassword =
        (FormBody) add.encode(Credentials.password(Fixtures.LOGIN, Fixtures.PASSWORD));
    FormBody byKey = (FormBody) list.encode(Credentials.apiKey(Fixtures.API_KEY));

    assertEquals(
        List.of("add", "login", "psw", "fmt", "charset", "sender", "cmt", "user"),
        names(byPassword));
    assertEquals(Fixtures.PASSWORD, byPassword.value(2));
    assertEquals(List.of("get", "apikey", "fmt", "charset", "all", "operators"), names(byKey));
    assertEquals(Fixtures.API_KEY, byKey.value(1));
  }

  // Why: a set has no order; the same request must give the same body every time.
  @Test
  void operatorFlagsAreSentInNameOrder() {
    SendersForm form =
        SendersForm.change(
            new ChangeRequest(
                SenderRef.id(3),
                null,
                Set.of("tele2_step", "bee_step", "mts_step", "mega_step"),
                null,
                null));

    assertEquals(
        List.of("id", "bee_step", "mega_step", "mts_step", "tele2_step"),
        List.copyOf(form.fields().keySet()));
  }

  @Test
  void aNameForTheCommentGoesOnlyWithAnEmailSender() {
    AddRequest named =
        new AddRequest("my_shop", null, Set.of(), null, false, "Alex Shop", null, null);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SendersForm.add(named));

    assertEquals("a name ('Alex Shop') goes only with an e-mail sender (mail=1)", e.getMessage());
  }

  // Why: the uploader's folders are none of the provider's business.
  @ParameterizedTest
  @CsvSource({
    "certificate.pdf, certificate.pdf",
    "/home/alex/scans/certificate.pdf, certificate.pdf",
    "'C:\\Users\\alex\\certificate.pdf', certificate.pdf",
    "scans/, document"
  })
  void aDocumentIsUploadedUnderItsBaseName(String given, String uploadedAs) {
    SendersForm form =
        SendersForm.add(
            new AddRequest(
                "my_shop",
                null,
                Set.of(),
                null,
                false,
                null,
                new Document(given, PDF, null),
                null));

    MultipartBody body = (MultipartBody) form.encode(Credentials.apiKey(Fixtures.API_KEY));

    MultipartBody.Part file = body.part(body.size() - 1);
    assertEquals(
        "form-data; name=\"file\"; filename=\"" + uploadedAs + "\"",
        file.headers().get("Content-Disposition"));
  }
}
