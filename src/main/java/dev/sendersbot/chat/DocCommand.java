package dev.sendersbot.chat;

import dev.sendersbot.i18n.Markup;
import dev.sendersbot.message.Attachment;
import dev.sendersbot.message.DeliveryException;
import dev.sendersbot.smsc.ChangeRequest;
import dev.sendersbot.smsc.Document;
import dev.sendersbot.smsc.SenderRef;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /doc NAME [description]} as the caption of a file, or in reply to one: attach a document
 * for the operators. Size and type are checked before the file is downloaded, and again on its
 * content before anything is sent to the provider.
 */
final class DocCommand implements Command {
  static final Set<String> EXTENSIONS =
      Set.of("jpg", "jpeg", "tif", "tiff", "pdf", "png", "zip", "rar");
  static final Set<String> MEDIA_TYPES =
      Set.of(
          "image/jpeg",
          "image/tiff",
          "application/pdf",
          "image/png",
          "application/zip",
          "application/x-zip-compressed",
          "application/vnd.rar",
          "application/x-rar-compressed",
          "application/x-rar");

  /** A little over the provider's limit, so an oversize file is seen as oversize, not cut. */
  static final long DOWNLOAD_LIMIT = Document.MAX_BYTES + 64 * 1024;

  @Override
  public String run(Context ctx) {
    SenderRef ref = SenderRef.name(Names.required(ctx, 0));
    Attachment file = ctx.message.file();
    if (file == null && ctx.message.replyTo() != null) {
      file = ctx.message.replyTo().file();
    }
    if (file == null) {
      throw new BadInput("bad.noFile");
    }
    if (file.size() > Document.MAX_BYTES) {
      ctx.reply(ctx.tr("doc.tooLarge", new Markup(size(ctx, file.size())), ctx.t.m("doc.types")));
      return Outcome.failed("file too large");
    }
    String ext = extension(file.fileName());
    boolean badName = ext != null && !EXTENSIONS.contains(ext);
    boolean badType =
        ext == null
            && file.mimeType() != null
            && !MEDIA_TYPES.contains(file.mimeType().toLowerCase(Locale.ROOT));
    if (badName || badType) {
      ctx.reply(
          ctx.tr(
              "doc.wrongType",
              ctx.t.m("doc.types"),
              file.fileName() != null ? file.fileName() : file.mimeType()));
      return Outcome.failed("wrong file type");
    }
    byte[] bytes;
    try {
      bytes = ctx.out.download(file, DOWNLOAD_LIMIT);
    } catch (DeliveryException e) {
      // Not a lost reply: the reply can still go, and says what happened.
      ctx.reply(ctx.tr("doc.notFetched"));
      return Outcome.failed("file not fetched from Telegram");
    }
    String description = ctx.line.rest(1);
    Document doc;
    try {
      doc = named(file.fileName(), bytes, description.isEmpty() ? null : description);
    } catch (IllegalArgumentException e) {
      ctx.reply(ctx.tr("doc.rejected", new Markup(InputWords.of(ctx.t, e)), ctx.t.m("doc.types")));
      return Outcome.failed("rejected file");
    }
    ctx.deps().gateway().change(new ChangeRequest(ref, null, Set.of(), doc, ctx.sub()));
    ctx.reply(
        ctx.tr("doc.attached", doc.fileName(), new Markup(size(ctx, bytes.length)), ref.name()));
    return Outcome.OK;
  }

  @Override
  public String subject(Context ctx) {
    return Names.first(ctx);
  }

  /** A photo has no name: it gets one from its detected type. */
  private static Document named(String fileName, byte[] bytes, String info) {
    if (fileName != null && !fileName.isBlank()) {
      return new Document(fileName.strip(), bytes, info);
    }
    Document probe = new Document("document", bytes, info);
    String ext = probe.type().name().toLowerCase(Locale.ROOT).replace("_be", "");
    return new Document("document." + ext, bytes, info);
  }

  private static String extension(String fileName) {
    if (fileName == null) {
      return null;
    }
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? null : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** "850 KB", "2.5 MB" in the reader's units and decimal sign. */
  private static String size(Context ctx, long bytes) {
    // Decimal units, as the provider's limit of 3 MB is read (Document.MAX_BYTES).
    if (bytes < 1_000_000) {
      return ctx.tr("doc.kb", Math.max(1, bytes / 1000));
    }
    return ctx.tr("doc.mb", bytes / 1_000_000.0);
  }
}
