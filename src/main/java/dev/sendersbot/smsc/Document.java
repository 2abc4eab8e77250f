package dev.sendersbot.smsc;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A document for the operators, sent with add or change. Checked on construction: at most 3 MB, and
 * one of jpg, tif, pdf, png, zip, rar by its content (magic bytes), not only by its name.
 *
 * @param fileName the name it is uploaded under
 * @param content the bytes
 * @param info the {@code doc_info} description; may be null
 */
public record Document(String fileName, byte[] content, String info) {
  /**
   * "3 MB", as the reference gives it, read the stricter way: a provider counting 3,000,000 bytes
   * would refuse a larger file with an error that says nothing of its size.
   */
  public static final int MAX_BYTES = 3_000_000;

  /** The accepted types, by extension, with the bytes their files start with. */
  public enum Type {
    JPG("image/jpeg", new int[] {0xFF, 0xD8, 0xFF}, "jpg", "jpeg"),
    TIF("image/tiff", new int[] {0x49, 0x49, 0x2A, 0x00}, "tif", "tiff"),
    TIF_BE("image/tiff", new int[] {0x4D, 0x4D, 0x00, 0x2A}, "tif", "tiff"),
    PDF("application/pdf", new int[] {0x25, 0x50, 0x44, 0x46}, "pdf"),
    PNG("image/png", new int[] {0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A}, "png"),
    ZIP("application/zip", new int[] {0x50, 0x4B, 0x03, 0x04}, "zip"),
    RAR("application/vnd.rar", new int[] {0x52, 0x61, 0x72, 0x21, 0x1A, 0x07}, "rar");

    private final String mediaType;
    private final int[] magic;
    private final String[] extensions;

    Type(String mediaType, int[] magic, String... extensions) {
      this.mediaType = mediaType;
      this.magic = magic;
      this.extensions = extensions;
    }

    public String mediaType() {
      return mediaType;
    }

    boolean matches(byte[] b) {
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

    boolean hasExtension(String ext) {
      return Arrays.asList(extensions).contains(ext);
    }
  }

  public Document {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(content, "content");
    content = content.clone();
    if (content.length == 0) {
      throw new InvalidValueException(
          InvalidValueException.Problem.DOCUMENT_EMPTY,
          fileName,
          null,
          "document '" + fileName + "' is empty");
    }
    if (content.length > MAX_BYTES) {
      throw new InvalidValueException(
          InvalidValueException.Problem.DOCUMENT_TOO_LARGE,
          fileName,
          Integer.toString(content.length),
          "document '"
              + fileName
              + "' is "
              + content.length
              + " bytes; the provider takes at most "
              + MAX_BYTES
              + " (3 MB)");
    }
    type(fileName, content);
  }

  /** The detected type; the name's extension, when it has one, must agree with the content. */
  public Type type() {
    return type(fileName, content);
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  private static Type type(String fileName, byte[] content) {
    Type detected = null;
    for (Type t : Type.values()) {
      if (t.matches(content)) {
        detected = t;
        break;
      }
    }
    if (detected == null) {
      throw new InvalidValueException(
          InvalidValueException.Problem.DOCUMENT_TYPE,
          fileName,
          null,
          "document '"
              + fileName
              + "' is not a jpg, tif, pdf, png, zip or rar file (checked by its content)");
    }
    int dot = fileName.lastIndexOf('.');
    if (dot >= 0) {
      String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
      if (!detected.hasExtension(ext)) {
        String actual = detected.name().toLowerCase(Locale.ROOT).replace("_be", "");
        throw new InvalidValueException(
            InvalidValueException.Problem.DOCUMENT_MISNAMED,
            fileName,
            actual,
            "document '"
                + fileName
                + "' is named ."
                + ext
                + " but its content is "
                + detected.name().toLowerCase(Locale.ROOT).replace("_be", ""));
      }
    }
    return detected;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Document d
        && d.fileName.equals(fileName)
        && Arrays.equals(d.content, content)
        && Objects.equals(d.info, info);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fileName, Arrays.hashCode(content), info);
  }

  @Override
  public String toString() {
    return "Document[" + fileName + ", " + content.length + " bytes]";
  }
}
