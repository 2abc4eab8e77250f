package dev.sendersbot.message;

import java.util.Objects;

/**
 * A file attached to a message (a document or a photo).
 *
 * @param fileId the transport's handle to download it
 * @param fileName as the sender named it; may be null for photos
 * @param mimeType as the transport reported it; may be null
 * @param size bytes as reported; 0 when unknown
 */
public record Attachment(String fileId, String fileName, String mimeType, long size) {
  public Attachment {
    Objects.requireNonNull(fileId, "fileId");
  }
}
