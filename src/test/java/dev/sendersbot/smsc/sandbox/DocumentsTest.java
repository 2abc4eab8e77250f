package dev.sendersbot.smsc.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** Which uploads count as documents, and how they are described. */
class DocumentsTest {
  private static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] JPG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0};
  private static final byte[] EXE = "MZ not a document".getBytes(StandardCharsets.US_ASCII);

  /** A multipart add with these files (name, bytes, name, bytes...) and a doc_info. */
  private static Params upload(Object... namesAndContents) {
    MultipartBody.Builder b =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("add", "1")
            .addFormDataPart("doc_info", "certificate");
    for (int i = 0; i < namesAndContents.length; i += 2) {
      b.addFormDataPart(
          "file" + i,
          (String) namesAndContents[i],
          RequestBody.create(
              (byte[]) namesAndContents[i + 1], MediaType.get("application/octet-stream")));
    }
    MultipartBody body = b.build();
    Buffer wire = new Buffer();
    try {
      body.writeTo(wire);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Params.read(true, null, body.contentType().toString(), wire.readByteArray());
  }

  private static byte[] magic(int... bytes) {
    byte[] b = new byte[bytes.length + 4];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return b;
  }

  @Test
  void recognisesEachTypeByItsFirstBytes() {
    assertEquals("jpg", Documents.type(JPG));
    assertEquals("tif", Documents.type(magic(0x49, 0x49, 0x2A, 0x00)));
    assertEquals("tif", Documents.type(magic(0x4D, 0x4D, 0x00, 0x2A)));
    assertEquals("pdf", Documents.type(PDF));
    assertEquals("png", Documents.type(magic(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)));
    assertEquals("zip", Documents.type(magic(0x50, 0x4B, 0x03, 0x04)));
    assertEquals("zip", Documents.type(magic(0x50, 0x4B, 0x05, 0x06)));
    assertEquals("rar", Documents.type(magic(0x52, 0x61, 0x72, 0x21, 0x1A, 0x07)));
    assertNull(Documents.type(EXE));
    assertNull(Documents.type(new byte[] {(byte) 0xFF, (byte) 0xD8}));
  }

  @Test
  void keepsEachDocumentsNameSizeTypeAndDescription() throws ApiError {
    assertEquals(
        List.of(
            new StoredDocument("scan.pdf", PDF.length, "pdf", "certificate"),
            new StoredDocument("photo.JPEG", JPG.length, "jpg", "certificate"),
            new StoredDocument("no-extension", PDF.length, "pdf", "certificate")),
        Documents.check(upload("scan.pdf", PDF, "photo.JPEG", JPG, "no-extension", PDF)));
  }

  @Test
  void takesThreeMegabytesButNotOneByteMore() throws ApiError {
    byte[] full = Arrays.copyOf(PDF, Documents.MAX_DOCUMENT_BYTES);
    assertEquals(1, Documents.check(upload("full.pdf", full)).size());
    byte[] over = Arrays.copyOf(PDF, Documents.MAX_DOCUMENT_BYTES + 1);
    ApiError e = assertThrows(ApiError.class, () -> Documents.check(upload("over.pdf", over)));
    assertEquals(1, e.code());
    assertEquals("document 'over.pdf' is 3000001 bytes, over 3 MB", e.getMessage());
  }

  @Test
  void refusesAFileThatIsNoDocumentOrNotWhatItsNameSays() {
    ApiError exe = assertThrows(ApiError.class, () -> Documents.check(upload("tool.exe", EXE)));
    assertEquals(
        "document 'tool.exe' is not a jpg, tif, pdf, png, zip or rar file", exe.getMessage());
    ApiError renamed = assertThrows(ApiError.class, () -> Documents.check(upload("scan.pdf", JPG)));
    assertEquals("document 'scan.pdf' holds jpg content", renamed.getMessage());
  }

  @Test
  void describesEveryUploadForTheLogRefusedOnesToo() {
    assertEquals(
        List.of(
            new StoredDocument("scan.pdf", PDF.length, "pdf", "certificate"),
            new StoredDocument("tool.exe", EXE.length, "unknown", "certificate")),
        Documents.describe(upload("scan.pdf", PDF, "tool.exe", EXE)));
  }
}
