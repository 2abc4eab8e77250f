package dev.sendersbot.smsc.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The document files of an add or chg: at most 3 MB each, a jpg, tif, pdf, png, zip or rar by their
 * first bytes, and named for what they hold. Only their descriptions are kept.
 */
final class Documents {
  static final int MAX_DOCUMENT_BYTES = 3_000_000;

  private Documents() {}

  /** The uploads as the name keeps them; error 1 for the first one the provider would refuse. */
  static List<StoredDocument> check(Params p) throws ApiError {
    List<StoredDocument> docs = new ArrayList<>();
    for (Params.Upload u : p.uploads()) {
      if (u.content().length > MAX_DOCUMENT_BYTES) {
        throw new ApiError(
            1, "document '" + u.fileName() + "' is " + u.content().length + " bytes, over 3 MB");
      }
      String type = type(u.content());
      if (type == null) {
        throw new ApiError(
            1, "document '" + u.fileName() + "' is not a jpg, tif, pdf, png, zip or rar file");
      }
      int dot = u.fileName().lastIndexOf('.');
      if (dot >= 0) {
        String ext = u.fileName().substring(dot + 1).toLowerCase(Locale.ROOT);
        String byName =
            switch (ext) {
              case "jpg", "jpeg" -> "jpg";
              case "tif", "tiff" -> "tif";
              default -> ext;
            };
        if (!byName.equals(type)) {
          throw new ApiError(1, "document '" + u.fileName() + "' holds " + type + " content");
        }
      }
      docs.add(new StoredDocument(u.fileName(), u.content().length, type, p.text("doc_info")));
    }
    return docs;
  }

  /**
   * Every upload as the request log shows it, refused ones too (type {@code unknown} when it is no
   * document): the log records what came, whatever the answer.
   */
  static List<StoredDocument> describe(Params p) {
    List<StoredDocument> docs = new ArrayList<>();
    for (Params.Upload u : p.uploads()) {
      docs.add(
          new StoredDocument(
              u.fileName(),
              u.content().length,
              Optional.ofNullable(type(u.content())).orElse("unknown"),
              p.text("doc_info")));
    }
    return docs;
  }

  /** The document type by its first bytes, or null. */
  static String type(byte[] b) {
    if (starts(b, 0xFF, 0xD8, 0xFF)) {
      return "jpg";
    }
    if (starts(b, 0x49, 0x49, 0x2A, 0x00) || starts(b, 0x4D, 0x4D, 0x00, 0x2A)) {
      return "tif";
    }
    if (starts(b, 0x25, 0x50, 0x44, 0x46)) {
      return "pdf";
    }
    if (starts(b, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "png";
    }
    if (starts(b, 0x50, 0x4B, 0x03, 0x04) || starts(b, 0x50, 0x4B, 0x05, 0x06)) {
      return "zip";
    }
    if (starts(b, 0x52, 0x61, 0x72, 0x21, 0x1A, 0x07)) {
      return "rar";
    }
    return null;
  }

  private static boolean starts(byte[] b, int... magic) {
    if (b.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
