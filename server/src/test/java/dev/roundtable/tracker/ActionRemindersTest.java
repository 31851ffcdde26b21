package dev.roundtable.tracker;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.ActionStatus;
import dev.roundtable.domain.Language;
import dev.roundtable.domain.MeetingKind;
import dev.roundtable.jobs.Job;
import dev.roundtable.notify.FakeNotifier;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Message;
import dev.roundtable.series.SeriesLinks;
import dev.roundtable.series.SeriesOwner;
import dev.roundtable.series.SeriesStore;
import dev.roundtable.series.core.AgendaTemplate;
import dev.roundtable.series.core.ChatGroup;
import dev.roundtable.series.core.Member;
import dev.roundtable.series.core.Mentions;
import dev.roundtable.series.core.Part;
import dev.roundtable.series.core.Schedule;
import dev.roundtable.series.core.Series;
import dev.roundtable.store.MongoStores;
import dev.roundtable.store.Storage;
import dev.roundtable.support.FakeJobQueue;
import dev.roundtable.tracker.core.Tracker;
import dev.roundtable.tracker.core.TrackerActor;
import dev.roundtable.tracker.core.TrackerCommands;
import dev.roundtable.tracker.core.TrackerCommands.Imported;
import dev.roundtable.tracker.core.TrackerCommands.Owner;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The action items' deadline reminders and the chat groups' daily digest")
class ActionRemindersTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /** Tuesday 2026-12-01 10:00 in Shanghai: after that day's 09:00. */
  private static final Instant NOW = shanghai("2026-12-01T10:00");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir
  Path dataDir;
  private Storage storage;
  private final FakeJobQueue jobs = new FakeJobQueue();
  private final FakeNotifier notifier = new FakeNotifier();
  private TrackerOwner tracker;
  private ActionReminders reminders;
  private Series series;

  private static Instant shanghai(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
  }

  @BeforeEach
  void open(Vertx vertx) {
    storage = result(MongoStores.openStorage(vertx, new MongoStores.Options(null, "roundtable", dataDir, "127.0.0.1", 0)));
    Series.Details details = new Series.Details("周例会", "对齐进度", MeetingKind.DECISION, "PMO",
        new Series.Coordinator("李娜", "li.na@example.com"), Language.ZH_CN,
        new Schedule("2026-12-03T10:00", "FREQ=WEEKLY;BYDAY=TH", "Asia/Shanghai", 60), "3 号会议室", null,
        AgendaTemplate.PROJECT_COORDINATION);
    series = new Series("s1", details, List.of(
        new Member("u1", "王伟", "销售部", "wang@example.com", new Mentions("13800000000", null, "ou_wang"),
            Part.EXECUTOR, 1, null),
        new Member("u2", "赵磊", "研发部", "zhao@example.com", new Mentions("13900000000", null, null),
            Part.EXECUTOR, 1, null)),
        List.of(), List.of(), 2, 0, 0, List.of(
        new ChatGroup("g1", ChatGroup.ChatService.DINGTALK, "项目群", "https://oapi.dingtalk.com/robot/send?access_token=t", ""),
        new ChatGroup("g2", ChatGroup.ChatService.FEISHU, "飞书群", "https://open.feishu.cn/open-apis/bot/v2/hook/h", "")));
    SeriesStore seriesStore = SeriesStore.create(vertx, storage.database());
    result(seriesStore.insert(series));
    SeriesOwner owner = SeriesOwner.create(seriesStore, CLOCK, (s, e) -> Future.succeededFuture(), jobs);
    tracker = new TrackerOwner(TrackerStore.create(vertx, storage.database()), CLOCK);
    SeriesLinks links = new SeriesLinks() {
      @Override
      public String personal(Series s, Member m) {
        return "https://roundtable.example.com/s/" + s.id() + "#m=" + m.id();
      }

      @Override
      public String feed(Series s, Member m) {
        return "https://roundtable.example.com/feed/" + m.id();
      }
    };
    reminders = ActionReminders.create(owner, tracker, notifier, jobs, links, CLOCK);
  }

  @AfterEach
  void close() {
    result(storage.close());
  }

  private static Imported item(String actionId, String task, Owner owner, String deadline, ActionStatus status) {
    return new Imported(actionId, task, owner, "评审通过", deadline, status, null);
  }

  private static final Owner WANG = new Owner("u1", "王伟", "销售部");
  private static final Owner ZHAO = new Owner("u2", "赵磊", "研发部");

  /** Imports the items as the follow-up does and schedules their reminders. */
  private Tracker imported(Imported... items) {
    Tracker t = result(tracker.apply("s1", TrackerActor.SYSTEM,
        x -> new TrackerCommands.ImportFromMeeting("o1", "r1", List.of(items)))).tracker();
    result(reminders.schedule(series, t.items()));
    return t;
  }

  private Map<String, Instant> pending(String kind) {
    return jobs.pending().stream().filter(j -> j.kind().equals(kind))
        .collect(Collectors.toMap(Job::id, Job::dueAt));
  }

  private List<Message> mails() {
    return notifier.messages().stream().filter(m -> m.destination() instanceof Destination.Mailbox).toList();
  }

  private List<Message> chats(String prefix) {
    return notifier.messages().stream().filter(m -> m.destination() instanceof Destination.Robot)
        .filter(m -> m.key().startsWith(prefix)).toList();
  }

  @Test
  @DisplayName("imported items get reminders at 09:00 Shanghai the day before, on the day and the day after, and the series a digest")
  void schedules() {
    imported(item("x1", "提交预算", WANG, "2026-12-05", ActionStatus.OPEN),
        item("x2", "无截止", ZHAO, null, ActionStatus.OPEN),
        item("x3", "已完成", ZHAO, "2026-12-09", ActionStatus.DONE),
        item("x4", "明天截止", ZHAO, "2026-12-02", ActionStatus.OPEN));
    assertThat(pending(ActionReminders.KIND)).containsOnly(
        Map.entry("action.remind/s1/a1/before/2026-12-05", shanghai("2026-12-04T09:00")),
        Map.entry("action.remind/s1/a1/due/2026-12-05", shanghai("2026-12-05T09:00")),
        Map.entry("action.remind/s1/a1/overdue/2026-12-05", shanghai("2026-12-06T09:00")),
        // the day before is already past for a deadline of tomorrow
        Map.entry("action.remind/s1/a4/due/2026-12-02", shanghai("2026-12-02T09:00")),
        Map.entry("action.remind/s1/a4/overdue/2026-12-02", shanghai("2026-12-03T09:00")));
    assertThat(shanghai("2026-12-04T09:00")).isEqualTo(Instant.parse("2026-12-04T01:00:00Z"));
    assertThat(pending(ActionDigest.KIND)).containsOnly(
        Map.entry("action.digest/s1/2026-12-02", shanghai("2026-12-02T09:00")));
  }

  @Test
  @DisplayName("a due reminder emails the owner once, in zh-CN, with the task, the deadline and their own page link")
  void remindsTheOwner() {
    imported(item("x1", "提交预算", WANG, "2026-12-05", ActionStatus.OPEN));
    Job before = jobs.pending().stream().filter(j -> j.id().equals("action.remind/s1/a1/before/2026-12-05"))
        .findFirst().orElseThrow();
    result(jobs.runDue(shanghai("2026-12-04T09:00")));
    assertThat(mails()).singleElement().satisfies(m -> {
      assertThat(m.key()).isEqualTo("action.remind/s1/a1/before/2026-12-05/mail");
      assertThat(((Destination.Mailbox) m.destination()).to()).containsExactly("wang@example.com");
      assertThat(m.language()).isEqualTo(Language.ZH_CN);
      assertThat(m.title()).isEqualTo("行动项明天到期：提交预算");
      assertThat(m.markdown()).contains("任务：提交预算", "截止日期：2026-12-05", "交付标准：评审通过",
          "https://roundtable.example.com/s/s1#m=u1");
    });
    // the same job run again (a crash after the enqueue) sends nothing new
    result(jobs.schedule(before));
    result(jobs.runDue(shanghai("2026-12-04T09:00")));
    assertThat(mails()).hasSize(1);
    result(jobs.runDue(shanghai("2026-12-06T09:00")));
    assertThat(mails()).extracting(Message::title)
        .containsExactly("行动项明天到期：提交预算", "行动项今天到期：提交预算", "行动项已逾期：提交预算");
  }

  @Test
  @DisplayName("a done item, or one whose deadline changed since its reminder was scheduled, is not reminded of")
  void skipsDoneAndMoved() {
    imported(item("x1", "提交预算", WANG, "2026-12-05", ActionStatus.OPEN),
        item("x2", "修复缺陷", ZHAO, "2026-12-05", ActionStatus.OPEN));
    result(tracker.apply("s1", TrackerActor.COORDINATOR,
        t -> new TrackerCommands.UpdateStatus("a1", ActionStatus.DONE, null)));
    result(tracker.apply("s1", TrackerActor.COORDINATOR, t -> new TrackerCommands.EditItem("a2", "2026-12-10", null)));
    result(reminders.scheduleItem(series, "a2", "2026-12-10"));
    result(jobs.runDue(shanghai("2026-12-06T09:00")));
    assertThat(mails()).isEmpty();
    assertThat(pending(ActionReminders.KIND)).containsKeys("action.remind/s1/a2/before/2026-12-10",
        "action.remind/s1/a2/due/2026-12-10", "action.remind/s1/a2/overdue/2026-12-10");
    result(jobs.runDue(shanghai("2026-12-09T09:00")));
    assertThat(mails()).extracting(Message::key).containsExactly("action.remind/s1/a2/before/2026-12-10/mail");
  }

  @Test
  @DisplayName("the daily digest posts one message per chat group with the items due today and overdue, mentioning their owners")
  void digest() {
    imported(item("x1", "提交预算", WANG, "2026-12-03", ActionStatus.OPEN),
        item("x2", "修复缺陷", ZHAO, "2026-12-02", ActionStatus.OPEN),
        item("x3", "下周的事", WANG, "2026-12-10", ActionStatus.OPEN),
        item("x4", "做完了", ZHAO, "2026-12-01", ActionStatus.DONE));
    result(jobs.runDue(shanghai("2026-12-02T09:00")));
    assertThat(chats("action.digest/s1/2026-12-02/")).hasSize(2)
        .allSatisfy(m -> assertThat(m.markdown()).contains("今天到期", "修复缺陷").doesNotContain("已逾期", "提交预算"));
    assertThat(pending(ActionDigest.KIND)).containsOnly(
        Map.entry("action.digest/s1/2026-12-03", shanghai("2026-12-03T09:00")));

    result(jobs.runDue(shanghai("2026-12-03T09:00")));
    List<Message> day = chats("action.digest/s1/2026-12-03/");
    assertThat(day).extracting(Message::key)
        .containsExactly("action.digest/s1/2026-12-03/chat/g1", "action.digest/s1/2026-12-03/chat/g2");
    assertThat(day).allSatisfy(m -> {
      assertThat(m.title()).isEqualTo("行动项日报：周例会 2026-12-03");
      assertThat(m.markdown()).contains("**今天到期**", "提交预算 — 负责人 王伟", "**已逾期**",
          "修复缺陷 — 负责人 赵磊，截止 2026-12-02（逾期 1 天）").doesNotContain("下周的事", "做完了", "http");
    });
    assertThat(day.get(0).mentions()).containsExactly("13800000000", "13900000000");
    assertThat(day.get(1).mentions()).containsExactly("ou_wang");
    assertThat(chats("")).as("no message per item to the groups").hasSize(4);
    assertThat(pending(ActionDigest.KIND)).containsOnlyKeys("action.digest/s1/2026-12-04");
  }

  @Test
  @DisplayName("a digest run twice posts nothing twice, and the digest stops once no open item has a deadline")
  void digestOnceAndStops() {
    imported(item("x1", "提交预算", WANG, "2026-12-02", ActionStatus.OPEN));
    Job first = jobs.pending().stream().filter(j -> j.kind().equals(ActionDigest.KIND)).findFirst().orElseThrow();
    result(jobs.runDue(first.dueAt()));
    result(jobs.schedule(first));
    result(jobs.runDue(first.dueAt()));
    assertThat(chats("action.digest/")).hasSize(2);
    result(tracker.apply("s1", TrackerActor.COORDINATOR,
        t -> new TrackerCommands.UpdateStatus("a1", ActionStatus.DONE, null)));
    result(jobs.runDue(shanghai("2026-12-03T09:00")));
    assertThat(chats("action.digest/")).hasSize(2);
    assertThat(pending(ActionDigest.KIND)).isEmpty();
  }
}
