package dev.sendersbot.smsc.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** How a multipart/form-data body sent to senders.php is split into fields and files. */
class MultipartTest {
  private static final String TYPE = "multipart/form-data; boundary=XyZ";

  @Test
  void readsFieldsAndAFilePartWithItsBytes() throws Exception {
    // The file holds a line break, dashes and most of the boundary: only CRLF--XyZ ends a part.
    byte[] file = {'%', 'P', 'D', 'F', '\r', '\n', '-', '-', 'X', 'y', 0, (byte) 0xFF};
    byte[] body =
        bytes(
            "--XyZ\r\n",
            "Content-Disposition: form-data; name=\"login\"\r\n\r\n",
            "demo\r\n",
            "--XyZ\r\n",
            "Content-Disposition: form-data; name=\"cmt\"\r\n",
            "Content-Type: text/plain; charset=utf-8\r\n\r\n",
            "Магазин\r\n",
            "--XyZ\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\n",
            "Content-Type: application/pdf\r\n\r\n",
            file,
            "\r\n--XyZ--\r\n");

    List<Multipart.Part> parts = Multipart.parse(body, Multipart.boundary(TYPE));

    assertEquals(3, parts.size());
    assertEquals("login", parts.get(0).name());
    assertNull(parts.get(0).fileName());
    assertNull(parts.get(0).contentType());
    assertEquals("demo", new String(parts.get(0).content(), StandardCharsets.UTF_8));
    assertEquals("cmt", parts.get(1).name());
    assertEquals("text/plain; charset=utf-8", parts.get(1).contentType());
    assertEquals("Магазин", new String(parts.get(1).content(), StandardCharsets.UTF_8));
    assertEquals("file", parts.get(2).name());
    assertEquals("scan.pdf", parts.get(2).fileName());
    assertEquals("application/pdf", parts.get(2).contentType());
    assertArrayEquals(file, parts.get(2).content());
  }

  @Test
  void readsWhatOkHttpsMultipartBodyWrites() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};
    MultipartBody sent =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("add", "1")
            .addFormDataPart("doc_info", "")
            .addFormDataPart(
                "document", "logo.png", RequestBody.create(png, MediaType.get("image/png")))
            .build();
    Buffer wire = new Buffer();
    sent.writeTo(wire);

    List<Multipart.Part> parts =
        Multipart.parse(wire.readByteArray(), Multipart.boundary(sent.contentType().toString()));

    assertEquals(
        List.of("add", "doc_info", "document"), parts.stream().map(Multipart.Part::name).toList());
    assertEquals("1", new String(parts.get(0).content(), StandardCharsets.UTF_8));
    assertEquals(0, parts.get(1).content().length);
    assertEquals("logo.png", parts.get(2).fileName());
    assertArrayEquals(png, parts.get(2).content());
  }

  @Test
  void takesAQuotedBoundaryAndUnescapesQuotedNames() throws Exception {
    byte[] body =
        bytes(
            "--a b\r\n",
            "content-disposition: form-data; filename=\"say \\\"hi\\\".pdf\"; name=\"file\"\r\n\r\n",
            "x\r\n--a b--");

    List<Multipart.Part> parts =
        Multipart.parse(
            body, Multipart.boundary("multipart/form-data; charset=utf-8; boundary=\"a b\""));

    assertEquals(1, parts.size());
    assertEquals("file", parts.get(0).name());
    assertEquals("say \"hi\".pdf", parts.get(0).fileName());
  }

  @Test
  void readsAUtf8FileName() throws Exception {
    byte[] body =
        bytes(
            "--XyZ\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename=\"свидетельство.pdf\"\r\n\r\n",
            "%PDF\r\n--XyZ--\r\n");

    assertEquals(
        "свидетельство.pdf", Multipart.parse(body, Multipart.boundary(TYPE)).get(0).fileName());
  }

  @Test
  void skipsAPreambleAndAnEpilogue() throws Exception {
    byte[] body =
        bytes(
            "This is a preamble.\r\n--XyZ\r\n",
            "Content-Disposition: form-data; name=\"get\"\r\n\r\n",
            "1\r\n--XyZ--\r\nand an epilogue");

    List<Multipart.Part> parts = Multipart.parse(body, Multipart.boundary(TYPE));

    assertEquals(1, parts.size());
    assertEquals("get", parts.get(0).name());
  }

  @Test
  void readsAFormWithoutFieldsAsNoParts() throws Exception {
    assertTrue(Multipart.parse(bytes("--XyZ--\r\n"), Multipart.boundary(TYPE)).isEmpty());
  }

  @Test
  void refusesAContentTypeWithoutABoundary() {
    Multipart.MalformedException e =
        assertThrows(
            Multipart.MalformedException.class,
            () -> Multipart.boundary("multipart/form-data; charset=utf-8"));
    assertEquals("multipart body without a boundary", e.getMessage());
  }

  @Test
  void refusesABodyWithoutItsBoundary() {
    assertThrows(
        Multipart.MalformedException.class, () -> Multipart.parse(bytes("get=1&fmt=3"), "XyZ"));
  }

  @Test
  void refusesABodyThatEndsInsideAPart() {
    byte[] body = bytes("--XyZ\r\n", "Content-Disposition: form-data; name=\"get\"\r\n\r\n", "1");

    assertThrows(Multipart.MalformedException.class, () -> Multipart.parse(body, "XyZ"));
  }

  @Test
  void refusesAPartWithoutContentDisposition() {
    byte[] body = bytes("--XyZ\r\n", "Content-Type: text/plain\r\n\r\n", "1\r\n--XyZ--\r\n");

    Multipart.MalformedException e =
        assertThrows(Multipart.MalformedException.class, () -> Multipart.parse(body, "XyZ"));
    assertEquals("multipart part without Content-Disposition", e.getMessage());
  }

  @Test
  void refusesAPartWithoutAFieldName() {
    byte[] body =
        bytes(
            "--XyZ\r\n",
            "Content-Disposition: form-data; filename=\"a.pdf\"\r\n\r\n",
            "1\r\n--XyZ--\r\n");

    Multipart.MalformedException e =
        assertThrows(Multipart.MalformedException.class, () -> Multipart.parse(body, "XyZ"));
    assertEquals("multipart part without a field name", e.getMessage());
  }

  /** Strings as UTF-8 and byte arrays, joined. */
  private static byte[] bytes(Object... pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object p : pieces) {
      try {
        out.write(p instanceof byte[] b ? b : p.toString().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
    return out.toByteArray();
  }
}
