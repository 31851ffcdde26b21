package dev.roundtable.notify;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.roundtable.cluster.Membership;
import dev.roundtable.domain.Language;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Message;
import dev.roundtable.store.MongoStores;
import dev.roundtable.store.Storage;
import dev.roundtable.support.FakeJobQueue;
import dev.roundtable.support.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("Email notifications, through a real SMTP server (GreenMail),")
class EmailNotifierTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
  static final String ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Roundtable//test//EN\r\nMETHOD:REQUEST\r\n"
      + "BEGIN:VEVENT\r\nUID:occ-1@roundtable\r\nSEQUENCE:0\r\nDTSTAMP:20261203T100000Z\r\n"
      + "DTSTART:20261210T020000Z\r\nDTEND:20261210T030000Z\r\nSUMMARY:周例会\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  @TempDir
  Path dataDir;
  private Storage storage;
  private final FakeJobQueue jobs = new FakeJobQueue();
  private final MutableClock clock = new MutableClock();
  private Notifier notifier;

  @BeforeEach
  void start(Vertx vertx) {
    storage = result(MongoStores.openStorage(vertx, new MongoStores.Options(null, "roundtable", dataDir, "127.0.0.1", 0)));
    NotifyOptions options = new NotifyOptions("127.0.0.1", SMTP.getSmtp().getPort(), "roundtable@example.org", "",
        "", "disabled", true, 3, 1_000, 4_000, 60_000, 60_000, 5_000);
    notifier = result(Notifier.create(vertx, storage.database(), jobs, Membership.standalone(), options, clock));
  }

  @AfterEach
  void stop() {
    result(storage.close());
  }

  @Test
  @DisplayName("sends the notice as text, HTML and a text/calendar REQUEST part, in zh-CN and en")
  void noticeWithInvitation() throws Exception {
    result(notifier.enqueue(new Message("e1", "series-1", new Destination.Mailbox(List.of("wang@example.org")),
        Language.ZH_CN, "会议通知：周例会", "**目标**：确定上线日期\n\n<script>alert(1)</script>", List.of(),
        ICS.getBytes(StandardCharsets.UTF_8))));
    result(notifier.enqueue(new Message("e2", "series-1", new Destination.Mailbox(List.of("ann@example.org")),
        Language.EN, "Notice: weekly sync", "**Goal**: decide the launch date", List.of(), null)));
    result(jobs.runDue(clock.instant()));
    assertThat(SMTP.waitForIncomingEmail(10_000, 2)).isTrue();

    MimeMessage[] received = SMTP.getReceivedMessages();
    MimeMessage zh = received[0].getSubject().startsWith("会议") ? received[0] : received[1];
    MimeMessage en = zh == received[0] ? received[1] : received[0];
    assertThat(zh.getSubject()).isEqualTo("会议通知：周例会");
    assertThat(zh.getAllRecipients()[0].toString()).isEqualTo("wang@example.org");
    List<Part> parts = MailParts.leaves(zh);
    Part text = part(parts, "text/plain");
    Part html = part(parts, "text/html");
    Part calendar = part(parts, "text/calendar");
    assertThat((String) text.getContent()).contains("**目标**：确定上线日期");
    assertThat((String) html.getContent()).contains("<strong>目标</strong>").contains("&lt;script&gt;")
        .doesNotContain("<script>");
    assertThat(calendar.getContentType()).contains("method=REQUEST");
    assertThat(new String(MailParts.bytes(calendar), StandardCharsets.UTF_8)).isEqualTo(ICS);

    assertThat(en.getSubject()).isEqualTo("Notice: weekly sync");
    assertThat(MailParts.leaves(en)).noneMatch(p -> contentType(p).startsWith("text/calendar"));
    assertThat(result(notifier.statuses("series-1"))).allMatch(s -> s.state() == DeliveryState.SENT);
  }

  private static Part part(List<Part> parts, String type) {
    return parts.stream().filter(p -> contentType(p).startsWith(type)).findFirst().orElseThrow(
        () -> new AssertionError("no " + type + " part in " + parts.stream().map(EmailNotifierTest::contentType).toList()));
  }

  private static String contentType(Part p) {
    try {
      return p.getContentType().toLowerCase();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("sends a file with the email as an attachment, kept whole through the outbox, its Chinese text intact")
  void attachment() throws Exception {
    byte[] minutes = "# 会议纪要\n\n- 决定：下周先做支付\n".getBytes(StandardCharsets.UTF_8);
    result(notifier.enqueue(new Message("m1", "series-1", new Destination.Mailbox(List.of("wang@example.org")),
        Language.ZH_CN, "会议纪要：周例会", "**决定**：下周先做支付", List.of(), null,
        new Message.Attachment("minutes-20261210T1000.md", "text/markdown; charset=UTF-8", minutes))));
    result(jobs.runDue(clock.instant()));
    assertThat(SMTP.waitForIncomingEmail(10_000, 1)).isTrue();
    List<Part> parts = MailParts.leaves(SMTP.getReceivedMessages()[0]);
    Part file = parts.stream().filter(p -> "minutes-20261210T1000.md".equals(fileName(p))).findFirst().orElseThrow();
    assertThat(file.getDisposition()).isEqualToIgnoringCase(Part.ATTACHMENT);
    assertThat(MailParts.bytes(file)).isEqualTo(minutes);
    assertThat((String) part(parts, "text/html").getContent()).contains("<strong>决定</strong>");
  }

  private static String fileName(Part p) {
    try {
      return p.getFileName();
    } catch (jakarta.mail.MessagingException e) {
      return null;
    }
  }
}
