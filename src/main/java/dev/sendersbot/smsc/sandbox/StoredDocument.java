package dev.sendersbot.smsc.sandbox;

import java.util.Objects;

/**
 * A document file the sandbox received with add or chg (only its description is kept).
 *
 * @param fileName as uploaded
 * @param size bytes
 * @param type detected from the content: jpg, tif, pdf, png, zip or rar
 * @param info the {@code doc_info} given with it; may be null
 */
public record StoredDocument(String fileName, int size, String type, String info) {
  public StoredDocument {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(type, "type");
  }
}
