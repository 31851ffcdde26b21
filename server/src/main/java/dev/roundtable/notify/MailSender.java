package dev.roundtable.notify;

import dev.roundtable.notify.core.Answers;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Message;
import dev.roundtable.notify.core.Outcome;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Sends an email with vertx-mail-client: the Markdown body as text and as HTML (raw HTML in it escaped,
 * unsafe link targets dropped), and the caller's calendar invitation as a {@code text/calendar;
 * method=REQUEST} part. The SMTP reply code decides the outcome ({@link Answers#smtp}).
 */
final class MailSender implements Sender {
  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
  private final MailClient client;
  private final String from;

  /** {@code client} null: no SMTP server configured, every email fails with {@code NOT_CONFIGURED}. */
  MailSender(MailClient client, String from) {
    this.client = client;
    this.from = from;
  }

  @Override
  public Future<Outcome> send(Message message, Instant now) {
    if (client == null) {
      return Future.succeededFuture(new Outcome.Failed("NOT_CONFIGURED", "no SMTP server is configured"));
    }
    MailMessage mail = new MailMessage().setFrom(from)
        .setTo(((Destination.Mailbox) message.destination()).to())
        .setSubject(message.title())
        .setText(message.markdown())
        .setHtml(html(message));
    List<MailAttachment> parts = new ArrayList<>();
    byte[] calendar = message.calendar();
    if (calendar != null) {
      parts.add(MailAttachment.create().setData(Buffer.buffer(calendar)).setName("invite.ics")
          .setContentType("text/calendar; method=REQUEST; charset=UTF-8").setDisposition("inline"));
    }
    Message.Attachment file = message.attachment();
    if (file != null) {
      parts.add(MailAttachment.create().setData(Buffer.buffer(file.data())).setName(file.name())
          .setContentType(file.contentType()).setDisposition("attachment"));
    }
    if (!parts.isEmpty()) {
      mail.setAttachment(parts);
    }
    return client.sendMail(mail)
        .map(result -> (Outcome) new Outcome.Sent("SMTP 250: accepted as " + result.getMessageID()))
        .otherwise(e -> e instanceof SMTPException smtp ? Answers.smtp(smtp.getReplyCode(), smtp.getReplyMessage())
            : new Outcome.RetryLater("NETWORK", "the SMTP server could not be reached ("
                + e.getClass().getSimpleName() + ")", false));
  }

  static String html(Message message) {
    String lang = message.language().tag();
    return "<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\"><title>" + escape(message.title())
        + "</title></head><body><h1>" + escape(message.title()) + "</h1>" + HTML.render(PARSER.parse(message.markdown()))
        + "</body></html>";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
