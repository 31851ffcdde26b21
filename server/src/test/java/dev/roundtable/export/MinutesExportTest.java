package dev.roundtable.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.ActionStatus;
import dev.roundtable.domain.Actor;
import dev.roundtable.domain.AgendaCommands.AddItem;
import dev.roundtable.domain.AgendaCommands.CompleteItem;
import dev.roundtable.domain.AgendaCommands.DeferItem;
import dev.roundtable.domain.AgendaCommands.StartItem;
import dev.roundtable.domain.Choice;
import dev.roundtable.domain.Command;
import dev.roundtable.domain.ItemKind;
import dev.roundtable.domain.Language;
import dev.roundtable.domain.MeetingCommands.Connect;
import dev.roundtable.domain.MeetingCommands.CreateMeeting;
import dev.roundtable.domain.MeetingCommands.EndMeeting;
import dev.roundtable.domain.MeetingCommands.Join;
import dev.roundtable.domain.MeetingKind;
import dev.roundtable.domain.MinutesCommands.AddActionItem;
import dev.roundtable.domain.MinutesCommands.EditActionItem;
import dev.roundtable.domain.MinutesCommands.EditMinutes;
import dev.roundtable.domain.MinutesCommands.FinalizeMinutes;
import dev.roundtable.domain.MinutesCommands.MarkForNextMeeting;
import dev.roundtable.domain.MinutesCommands.ParkPoint;
import dev.roundtable.domain.MinutesCommands.RecordDecision;
import dev.roundtable.domain.Outcome;
import dev.roundtable.domain.Role;
import dev.roundtable.domain.Room;
import dev.roundtable.domain.RoomState;
import dev.roundtable.domain.VoteCommands.CastVote;
import dev.roundtable.domain.VoteCommands.CloseMotion;
import dev.roundtable.domain.VoteCommands.OpenMotion;
import dev.roundtable.protocol.Codec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

@DisplayName("The minutes export")
class MinutesExportTest {
  /** Tuesday 14 November 2023, 22:13:20 UTC. */
  private static final long T0 = 1_700_000_000_000L;
  private static final long MINUTE = 60_000L;
  private static final List<String> HEADINGS = List.of("Attendees", "Agenda", "Minutes text", "Board", "Decisions",
      "Action items", "Parking lot", "Suggested next meeting");
  private static final String MINUTES_TEXT = "## Notes\n\n- Ana presented the *status*\n- Ben asked for a date\n";

  /** Both renderers, with how to read their output back as plain lines and table cells. */
  enum Format {
    MARKDOWN(MinutesExport::markdown) {
      @Override
      String heading(String text) {
        return "## " + text + "\n";
      }

      @Override
      String plain(String line) {
        return line.replaceAll("(?<!\\\\)[*_]", "").replaceAll("\\\\(.)", "$1");
      }

      @Override
      List<String> cells(String line) {
        List<String> cells = new ArrayList<>(Arrays.asList(UNESCAPED_PIPE.split(line.strip(), -1)));
        cells.remove(0);
        cells.remove(cells.size() - 1);
        return cells.stream().map(c -> plain(c.strip())).toList();
      }

      @Override
      String flagged(String cell) {
        return "**" + cell + "**";
      }
    },
    HTML(MinutesExport::html) {
      @Override
      String heading(String text) {
        return "<h2>" + text + "</h2>";
      }

      @Override
      String plain(String line) {
        return line.replace("</dt><dd>", ": ").replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
      }

      @Override
      List<String> cells(String line) {
        return Arrays.stream(line.split("</t[dh]>")).filter(c -> c.contains("<t")).map(c -> plain(c).strip())
            .toList();
      }

      @Override
      String flagged(String cell) {
        return "<td class=\"overrun\">" + cell + "</td>";
      }
    };

    private static final Pattern UNESCAPED_PIPE = Pattern.compile("(?<!\\\\)\\|");

    private final BiFunction<RoomState, ZoneId, String> renderer;

    Format(BiFunction<RoomState, ZoneId, String> renderer) {
      this.renderer = renderer;
    }

    String render(RoomState state, ZoneId zone) {
      return renderer.apply(state, zone);
    }

    abstract String heading(String text);

    /** A line of output as a reader sees it: no markup, no escapes. */
    abstract String plain(String line);

    /** The cells of a table row that sits on one line. */
    abstract List<String> cells(String line);

    /** How an emphasised (overrun) cell is written. */
    abstract String flagged(String cell);

    /** The part of {@code output} under the section heading {@code heading}, up to the next known one. */
    String section(String output, String heading) {
      int start = output.indexOf(heading(heading));
      assertThat(start).as("section %s in\n%s", heading, output).isNotNegative();
      int next = HEADINGS.indexOf(heading) + 1;
      int end = next < HEADINGS.size() ? output.indexOf(heading(HEADINGS.get(next)), start) : output.length();
      return output.substring(start, end);
    }

    /** The one line of {@code text} that contains {@code needle}, as plain text. */
    String lineWith(String text, String needle) {
      List<String> lines = text.lines().filter(l -> plain(l).contains(needle)).toList();
      assertThat(lines).as("lines with %s in\n%s", needle, text).hasSize(1);
      return plain(lines.get(0));
    }

    /** Every table row of {@code text}, as lists of plain cells. */
    List<List<String>> rows(String text) {
      return text.lines().filter(l -> this == MARKDOWN ? l.startsWith("|") && !l.startsWith("|---")
          : l.contains("<tr>")).map(this::cells).toList();
    }
  }

  /** Applies real commands to a room, keeping the ids they hand out. */
  private static final class Meeting {
    private RoomState state = RoomState.empty("room-1", 180);

    Map<String, Object> apply(Actor actor, Command command, long now) {
      Outcome outcome = Room.apply(state, actor, command, now);
      assertThat(outcome).as("outcome of %s", command).isInstanceOf(Outcome.Applied.class);
      Outcome.Applied applied = (Outcome.Applied) outcome;
      state = applied.state();
      return applied.result();
    }

    String id(Actor actor, Command command, long now, String key) {
      return (String) apply(actor, command, now).get(key);
    }
  }

  /**
   * Fran (Product) facilitates; Ana (Engineering) and Ben (Sales) connect, Cleo (Engineering) never does, a
   * wall screen does. "Launch date" (10 min) runs 11:30 and is done, "Budget" (5 min) is deferred after 2
   * minutes, "Hiring" is never reached. One motion fails, one lacks quorum, one passes; the facilitator records
   * a decision; one action item is in progress and one done; of two parked points one is marked for the next
   * meeting; the minutes text is written, the meeting ended and the minutes finalized two hours after T0.
   */
  static RoomState sample() {
    Meeting m = new Meeting();
    Actor system = Actor.system();
    String fran = m.id(system, new CreateMeeting("Q3 launch", "Decide the Q3 launch date", MeetingKind.DECISION,
        T0 + 60 * MINUTE, 45, null, "Fran", "Product"), T0, "participantId");
    String ana = m.id(system, new Join("Ana", "Engineering", Role.PARTICIPANT), T0, "participantId");
    String ben = m.id(system, new Join("Ben", "Sales", Role.PARTICIPANT), T0, "participantId");
    m.apply(system, new Join("Cleo", "Engineering", Role.PARTICIPANT), T0);
    String screen = m.id(system, new Join("Wall screen", "", Role.SCREEN), T0, "participantId");
    m.apply(system, new Connect(fran, "c1"), T0);
    m.apply(system, new Connect(ana, "c2"), T0);
    m.apply(system, new Connect(ben, "c3"), T0);
    m.apply(system, new Connect(screen, "c4"), T0);

    Actor f = Actor.participant(fran);
    Actor a = Actor.participant(ana);
    Actor b = Actor.participant(ben);
    String launch = m.id(f, new AddItem("Launch date", "Ben", 600, "A date", ItemKind.DECIDE, null), T0, "itemId");
    String budget = m.id(f, new AddItem("Budget", "Ana", 300, "Shared numbers", ItemKind.INFORM, null), T0,
        "itemId");
    m.apply(f, new AddItem("Hiring", null, 120, null, ItemKind.DISCUSS, null), T0);

    long t1 = T0 + MINUTE;
    m.apply(f, new StartItem(launch), t1);
    String failing = m.id(f, new OpenMotion("Ship on 1 October", launch, false, false, null, null, null), t1,
        "motionId");
    m.apply(f, new CastVote(failing, Choice.OPPOSE), t1);
    m.apply(a, new CastVote(failing, Choice.AGREE), t1);
    m.apply(b, new CastVote(failing, Choice.OPPOSE), t1);
    m.apply(f, new CloseMotion(failing), t1 + MINUTE);
    String unanswered = m.id(f, new OpenMotion("Hire two engineers", null, false, false, 3, null, null), t1,
        "motionId");
    m.apply(a, new CastVote(unanswered, Choice.AGREE), t1);
    m.apply(f, new CloseMotion(unanswered), t1 + MINUTE);
    String passing = m.id(f, new OpenMotion("Keep the weekly sync", null, false, false, null, null, null), t1,
        "motionId");
    m.apply(f, new CastVote(passing, Choice.AGREE), t1);
    m.apply(a, new CastVote(passing, Choice.AGREE), t1);
    m.apply(b, new CastVote(passing, Choice.AGREE), t1);
    m.apply(f, new CloseMotion(passing), t1 + MINUTE);
    m.apply(f, new RecordDecision("Launch on 15 October", launch), t1 + 5 * MINUTE);
    m.apply(f, new CompleteItem(launch), t1 + 690_000);

    long t2 = t1 + 12 * MINUTE;
    m.apply(f, new StartItem(budget), t2);
    m.apply(f, new DeferItem(budget), t2 + 2 * MINUTE);

    String plan = m.id(f, new AddActionItem("Draft the launch plan", "Ana", "Reviewed by Sales", "2023-12-01",
        launch), t2, "actionItemId");
    m.apply(a, new EditActionItem(plan, 1, null, null, null, null, ActionStatus.IN_PROGRESS, null), t2);
    String venue = m.id(f, new AddActionItem("Book the venue", "Ben", "Confirmed in writing", "2023-11-30", null),
        t2, "actionItemId");
    m.apply(b, new EditActionItem(venue, 1, null, null, null, null, ActionStatus.DONE, null), t2);
    String move = m.id(a, new ParkPoint("Office move"), t2, "pointId");
    m.apply(f, new MarkForNextMeeting(move, true), t2);
    m.apply(b, new ParkPoint("Coffee machine"), t2);
    m.apply(f, new EditMinutes(0, List.of(MINUTES_TEXT)), t2);
    m.apply(f, new EndMeeting(), t2 + 10 * MINUTE);
    m.apply(f, new FinalizeMinutes(), T0 + 120 * MINUTE);
    return m.state;
  }

  /** A meeting just created by Fran, nothing else. */
  static RoomState bare() {
    Meeting m = new Meeting();
    m.apply(Actor.system(), new CreateMeeting("Q3 launch", "Decide the Q3 launch date", MeetingKind.DISCUSSION,
        T0 + 60 * MINUTE, 45, null, "Fran", "Product"), T0);
    return m.state;
  }

  @Nested
  @DisplayName("of a full meeting, in both formats,")
  class FullMeeting {
    private final RoomState sample = sample();

    @ParameterizedTest(name = "{0}")
    @EnumSource(Format.class)
    @DisplayName("has every section, in order, after the title and the meeting's details:")
    void sectionsInOrder(Format format) {
      String out = format.render(sample, ZoneOffset.UTC);

      int at = out.indexOf("Minutes: Q3 launch");
      assertThat(at).isNotNegative();
      for (String label : List.of("Goal", "Kind", "Date and time", "Minutes")) {
        int next = out.indexOf(label, at);
        assertThat(next).as("%s after the previous detail", label).isGreaterThan(at);
        at = next;
      }
      for (String heading : HEADINGS) {
        int next = out.indexOf(format.heading(heading), at);
        assertThat(next).as("section %s after the previous one", heading).isGreaterThan(at);
        at = next;
      }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Format.class)
    @DisplayName("gives the meeting's title, goal and kind:")
    void titleGoalKind(Format format) {
      String out = format.render(sample, ZoneOffset.UTC);

      assertThat(out.lines().map(format::plain)).anyMatch(l -> l.matches("(# )?Minutes: Q3 launch"));
      assertThat(format.lineWith(out, "Goal:")).contains("Goal: Decide the Q3 launch date");
      assertThat(format.lineWith(out, "Kind:")).contains("Kind: Decision");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Format.class)
    @DisplayName("dates the meeting by when it actually started, in UTC or in the zone asked for:")
    void dateAndTime(Format format) {
      assertThat(format.lineWith(format.render(sample, ZoneOffset.UTC), "Date and time:"))
          .contains("Date and time: Tuesday 14 November 2023, 22:14 UTC (started)");
      assertThat(format.lineWith(format.render(sample, ZoneId.of("Europe/Berlin")), "Date and time:"))
          .contains("Date and time: Tuesday 14 November 2023, 23:14 Europe/Berlin (UTC+01:00) (started)");
      assertThat(format.lineWith(format.render(sample, ZoneId.of("+05:30")), "Date and time:"))
          .contains("Date and time: Wednesday 15 November 2023, 03:44 UTC+05:30 (started)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Format.class)
    @DisplayName("marks the minutes final, with when they were finalized:")
    void finalStatus(Format format) {
      assertThat(format.lineWith(format.render(sample, ZoneOffset.UTC), "Minutes: F"))
          .endsWith("Minutes: Final, finalized Wednesday 15 November 2023, 00:13 UTC");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Format.class)
    @DisplayName("lists who attended and who never connected, with department and role, and leaves screens out:")
    void attendees(Format format) {
      String out = format.render(sample, ZoneOffset.UTC);
      String section = format.section(out, "Attendees");
      int absentAt = section.indexOf("Absent (1)");

      assertThat(section).contains("Present (3)");
      assertThat(absentAt).isPositive();
      assertThat(format.rows(section.substring(0, absentAt))).containsExactly(
          List.of("Name", "Department", "Role"),
          List.of("Fran", "Product", "facilitator"),
          List.of("Ana", "Engineering", "participant"),
          List.of("Ben", "Sales", "participant"));
      assertThat(format.rows(section.substring(absentAt))).containsExactly(
          List.of("Name", "Department", "Role"),
          List.of("Cleo", "Engineering", "participant"));
      assertThat(out).doesNotContain("Wall screen");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Format.class)
    @DisplayName("compares planned and actual time per agenda item, marks the overrun and gives each status:")
    void agenda(Format format) {
      String section = format.section(format.render(sample, ZoneOffset.UTC), "Agenda");

      assertThat(format.rows(section)).containsExactly(
          List.of("No.", "Item", "Owner", "Planned", "Actual", "Overrun", "Status"),
          List.of("1", "Launch date", "Ben", "10:00", "11:30", "+1:30 over", "done"),
          List.of("2", "Budget", "Ana", "5:00", "2:00", "—", "deferred"),
          List.of("3", "Hiring", "—", "2:00", "—", "—", "not reached"));
      assertThat(section).contains(format.flagged("+1:30 over"));
    }

    @Test
    @DisplayName("includes the minutes text as it was written in Markdown")
    void minutesTextInMarkdown() {
      String section = Format.MARKDOWN.section(MinutesExport.markdown(sample, ZoneOffset.UTC), "Minutes text");

      assertThat(section).isEqualTo("## Minutes text\n\n" + MINUTES_TEXT + "\n");
    }

    @Test
    @DisplayName("renders the minutes text in HTML from its Markdown, its headings under the section's")
    void minutesTextInHtml() {
      String out = MinutesExport.html(sample, ZoneOffset.UTC);

      assertThat(Format.HTML.section(out, "Minutes text")).contains("<div class=\"minutes-text\">\n<h4>Notes</h4>\n"
          + "<ul>\n<li>Ana presented the <em>status</em></li>\n<li>Ben asked for a date</li>\n</ul>\n</div>");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Format.class)
    @DisplayName("lists every decision with its agenda item and how it was reached:")
    void decisions(Format format) {
      String section = format.section(format.render(sample, ZoneOffset.UTC), "Decisions");

      assertThat(format.lineWith(section, "Launch on 15 October"))
          .contains("Agenda item: Launch date").contains("Decided by: the facilitator");
      assertThat(format.lineWith(section, "Ship on 1 October"))
          .contains("failed (1 agree, 2 oppose, 0 neutral)")
          .contains("Agenda item: Launch date").contains("Decided by: vote on a motion");
      assertThat(format.lineWith(section, "Hire two engineers"))
          .contains("no quorum").contains("Agenda item: —").contains("Decided by: vote on a motion");
      assertThat(format.lineWith(section, "Keep the weekly sync")).contains("passed (3 agree, 0 oppose, 0 neutral)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Format.class)
    @DisplayName("tabulates the action items with owner, delivery standard, deadline, status and agenda item:")
    void actionItems(Format format) {
      String section = format.section(format.render(sample, ZoneOffset.UTC), "Action items");

      assertThat(format.rows(section)).containsExactly(
          List.of("Task", "Owner", "Delivery standard", "Deadline", "Status", "Agenda item"),
          List.of("Draft the launch plan", "Ana", "Reviewed by Sales", "2023-12-01", "in progress", "Launch date"),
          List.of("Book the venue", "Ben", "Confirmed in writing", "2023-11-30", "done", "—"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Format.class)
    @DisplayName("lists the parking lot, with who raised each point and which are meant for the next meeting:")
    void parkingLot(Format format) {
      String section = format.section(format.render(sample, ZoneOffset.UTC), "Parking lot");

      assertThat(format.lineWith(section, "Office move")).contains("Raised by: Ana")
          .contains("For the next meeting: yes");
      assertThat(format.lineWith(section, "Coffee machine")).contains("Raised by: Ben")
          .doesNotContain("next meeting");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Format.class)
    @DisplayName("suggests for the next meeting the marked points, deferred and unreached items, unfinished "
        + "action items, and motions that failed or lacked a quorum, and nothing else:")
    void nextMeeting(Format format) {
      String section = format.section(format.render(sample, ZoneOffset.UTC), "Suggested next meeting");

      assertThat(format.lineWith(section, "Office move")).contains("From: the parking lot");
      assertThat(format.lineWith(section, "Budget")).contains("From: the agenda, deferred");
      assertThat(format.lineWith(section, "Hiring")).contains("From: the agenda, not reached");
      assertThat(format.lineWith(section, "Draft the launch plan")).contains("From: action items, in progress")
          .contains("Owner: Ana").contains("Deadline: 2023-12-01");
      assertThat(format.lineWith(section, "Ship on 1 October")).contains("From: a motion that failed")
          .contains("Votes: 1 agree, 2 oppose, 0 neutral");
      assertThat(format.lineWith(section, "Hire two engineers")).contains("From: a motion that had no quorum");
      assertThat(section).doesNotContain("Coffee machine").doesNotContain("Book the venue")
          .doesNotContain("Keep the weekly sync").doesNotContain("Launch date");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Format.class)
    @DisplayName("reads the same from a participant's snapshot as from the room state:")
    void sameFromSnapshot(Format format) {
      RoomState decoded = Codec.state(Codec.toJson(dev.roundtable.domain.Views.forViewer(sample, "p2")));

      assertThat(format.render(decoded, ZoneOffset.UTC)).isEqualTo(format.render(sample, ZoneOffset.UTC));
    }
  }

  @Nested
  @DisplayName("of a meeting with nothing in it yet")
  class EmptyMeeting {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Format.class)
    @DisplayName("keeps every section and says it is empty:")
    void saysSo(Format format) {
      String out = format.render(bare(), ZoneOffset.UTC);

      assertThat(format.section(out, "Attendees")).contains("Present (0)").contains("Nobody attended.")
          .contains("Absent (1)").contains("Fran");
      assertThat(format.section(out, "Agenda")).contains("No agenda items.");
      assertThat(format.section(out, "Minutes text")).contains("No minutes text was written.");
      assertThat(format.section(out, "Decisions")).contains("No decisions recorded.");
      assertThat(format.section(out, "Action items")).contains("No action items recorded.");
      assertThat(format.section(out, "Parking lot")).contains("The parking lot is empty.");
      assertThat(format.section(out, "Suggested next meeting")).contains("Nothing to carry over to the next meeting.");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Format.class)
    @DisplayName("calls the minutes a draft and dates the meeting by its scheduled start, in UTC without a zone:")
    void draftAndScheduled(Format format) {
      String out = format.render(bare(), null);

      assertThat(format.lineWith(out, "Minutes: D")).endsWith("Minutes: Draft");
      assertThat(format.lineWith(out, "Date and time:"))
          .contains("Date and time: Tuesday 14 November 2023, 23:13 UTC (scheduled)");
      assertThat(format.lineWith(out, "Kind:")).contains("Kind: Discussion");
    }
  }

  @Nested
  @DisplayName("in Chinese")
  class InChinese {
    private final String markdown = MinutesExport.markdown(sample(), ZoneOffset.UTC, Language.ZH_CN);

    @Test
    @DisplayName("writes every label, heading and remark from the Chinese catalogue, and no English one")
    void chineseWords() {
      assertThat(markdown).startsWith("# 会议纪要：Q3 launch\n")
          .contains("- **目标:** Decide the Q3 launch date", "- **类型:** 决策会",
              "## 参会人员", "### 出席（3）", "| 姓名 | 部门 | 角色 |", "| Fran | Product | 主持人 |",
              "| 序号 | 议程项 | 负责人 | 计划时长 | 实际时长 | 超时 | 状态 |", "**超时 +1:30**", "| 已推迟 |", "| 未进行 |",
              "## 纪要正文", "## 决议", "## 行动项", "## 停车场", "## 下次会议建议", "*来源:* 停车场");
      for (String english : List.of("Attendees", "Agenda", "Decisions", "Parking lot", "Goal", "Present",
          "not reached", "deferred", "facilitator", "Final", "Suggested")) {
        assertThat(markdown).as("no %s", english).doesNotContain(english);
      }
    }

    @Test
    @DisplayName("dates the meeting in Chinese on the 24-hour clock")
    void chineseDates() {
      assertThat(markdown).contains("- **日期和时间:** 2023年11月14日 星期二 22:14 UTC（实际开始）",
          "- **纪要:** 定稿，定稿于 2023年11月15日 星期三 00:13 UTC");
    }

    @Test
    @DisplayName("writes a closed motion's decision again in Chinese, and keeps the facilitator's own words")
    void chineseDecisions() {
      assertThat(markdown).contains("- 动议“Ship on 1 October”：未通过（赞成 1，反对 2，弃权 0） — *议程项:* Launch date; "
          + "*决定方式:* 动议表决", "动议“Hire two engineers”：未达法定人数", "- Launch on 15 October — ");
    }

    @Test
    @DisplayName("is the default for a meeting created in Chinese, and marks the HTML page as zh-CN")
    void meetingLanguageIsTheDefault() {
      Meeting m = new Meeting();
      m.apply(Actor.system(), new CreateMeeting("发布会", "确定第三季度的发布日期", MeetingKind.DECISION, T0, 45, null,
          "芳", "产品部", "zh-CN"), T0);

      assertThat(MinutesExport.markdown(m.state, null)).startsWith("# 会议纪要：发布会\n").contains("2023年11月14日");
      assertThat(MinutesExport.html(m.state, null)).startsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\">")
          .contains("<title>会议纪要：发布会</title>");
      assertThat(MinutesExport.markdown(m.state, null, Language.EN)).startsWith("# Minutes: 发布会\n");
    }
  }

  @Nested
  @DisplayName("as HTML")
  class Html {

    @Test
    @DisplayName("is one complete, well-formed page with its language, charset and print styles, and nothing "
        + "loaded from elsewhere")
    void completeAndSelfContained() throws Exception {
      String out = MinutesExport.html(sample(), ZoneOffset.UTC);

      assertThat(out).startsWith("<!DOCTYPE html>\n<html lang=\"en\">").endsWith("</html>\n")
          .contains("<meta charset=\"utf-8\" />").contains("<title>Minutes: Q3 launch</title>")
          .containsPattern("<style>[^<]*@media print \\{[^<]*</style>");
      assertThat(out.toLowerCase()).doesNotContain("http:").doesNotContain("https:").doesNotContain("//")
          .doesNotContain("src=").doesNotContain("href=").doesNotContain("<link").doesNotContain("<script")
          .doesNotContain("url(").doesNotContain("@import");
      Document page = parse(out);
      assertThat(page.getDocumentElement().getTagName()).isEqualTo("html");
      assertThat(page.getElementsByTagName("section").getLength()).isEqualTo(HEADINGS.size());
    }

    @Test
    @DisplayName("escapes every piece of user text, so none of it turns into markup")
    void escapesUserText() throws Exception {
      String out = MinutesExport.html(hostile(), ZoneOffset.UTC);

      assertThat(out).contains("<h1>Minutes: &lt;script&gt;alert(1)&lt;/script&gt;</h1>")
          .contains("<title>Minutes: &lt;script&gt;alert(1)&lt;/script&gt;</title>")
          .doesNotContain("<script").doesNotContain("<img").doesNotContain("<iframe").doesNotContain("<a ")
          .doesNotContain("<b>");
      Document page = parse(out);
      for (String tag : List.of("script", "img", "iframe", "a", "b", "i", "svg")) {
        assertThat(page.getElementsByTagName(tag).getLength()).as("<%s> elements", tag).isZero();
      }
      assertThat(page.getElementsByTagName("pre").getLength()).isZero();
      Element minutes = (Element) page.getElementsByTagName("div").item(0);
      assertThat(minutes.getAttribute("class")).isEqualTo("minutes-text");
      assertThat(minutes.getTextContent().replace("\n", "")).isEqualTo(HOSTILE_MINUTES.replace("\n", ""));
      assertThat(page.getElementsByTagName("title").item(0).getTextContent())
          .isEqualTo("Minutes: <script>alert(1)</script>");
      assertThat(page.getElementsByTagName("table").getLength()).isEqualTo(3);
      String text = page.getDocumentElement().getTextContent();
      assertThat(text).contains("<img src=x onerror=alert(1)>", "\" onmouseover=\"alert(1)",
          "</td></tr></table><script>alert(3)</script>", "<b>bold</b> & \"quotes\"",
          "<a href=\"javascript:alert(1)\">click</a>", "<iframe src=x>", "&amp; &lt; stays literal");
      Element h1 = (Element) page.getElementsByTagName("h1").item(0);
      assertThat(h1.getChildNodes().getLength()).isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("as Markdown")
  class Markdown {

    @Test
    @DisplayName("escapes pipes, backslashes and line breaks in table cells, so every row keeps its columns")
    void tableCells() {
      String out = MinutesExport.markdown(hostile(), ZoneOffset.UTC);

      assertThat(out).contains("| Compare A \\| B<br>then pick one | R\\|D | Ends in a backslash\\\\ |");
      for (String line : out.lines().filter(l -> l.startsWith("|")).toList()) {
        long columns = Format.UNESCAPED_PIPE.matcher(line).results().count();
        assertThat(columns).as("pipes in %s", line).isIn(4L, 7L, 8L);
      }
      List<List<String>> rows = Format.MARKDOWN.rows(Format.MARKDOWN.section(out, "Action items"));
      assertThat(rows.get(1).subList(0, 3))
          .containsExactly("Compare A | B<br>then pick one", "R|D", "Ends in a backslash\\");
    }

    @Test
    @DisplayName("shows user text outside the minutes text literally, and the minutes text as it was written")
    void userTextIsLiteral() {
      String out = MinutesExport.markdown(hostile(), ZoneOffset.UTC);

      assertThat(out).startsWith("# Minutes: \\<script\\>alert(1)\\</script\\>\n")
          .contains("\\<b\\>bold\\</b\\> & \"quotes\"").contains("\\&amp; \\&lt; stays literal")
          .contains("\n" + HOSTILE_MINUTES);
      assertThat(out.replace(HOSTILE_MINUTES, "")).doesNotContainPattern("(?<!\\\\)<(?!br>)");
    }
  }

  private static final String HOSTILE_MINUTES = "</pre><script>alert(2)</script>\n<b>not bold</b> & done\n";

  /** A meeting where every piece of text people typed tries to be markup. */
  static RoomState hostile() {
    Meeting m = new Meeting();
    Actor system = Actor.system();
    String fran = m.id(system, new CreateMeeting("<script>alert(1)</script>", "Decide <i>this</i>",
        MeetingKind.DECISION, T0, 45, null, "<img src=x onerror=alert(1)>", "\" onmouseover=\"alert(1)"), T0,
        "participantId");
    String ana = m.id(system, new Join("Ana | Ops", "R&D", Role.PARTICIPANT), T0, "participantId");
    m.apply(system, new Connect(fran, "c1"), T0);
    m.apply(system, new Connect(ana, "c2"), T0);
    Actor f = Actor.participant(fran);
    String item = m.id(f, new AddItem("</td></tr></table><script>alert(3)</script>", "Q1 | Q2", 60, null, null,
        null), T0, "itemId");
    m.apply(f, new RecordDecision("<b>bold</b> & \"quotes\"", item), T0);
    m.apply(f, new AddActionItem("Compare A | B\nthen pick one", "R|D", "Ends in a backslash\\", "2024-01-31",
        item), T0);
    m.apply(f, new ParkPoint("<iframe src=x>"), T0);
    m.apply(f, new ParkPoint("&amp; &lt; stays literal"), T0);
    m.apply(f, new EditMinutes(0, List.of(HOSTILE_MINUTES)), T0);
    m.apply(f, new AddActionItem("<a href=\"javascript:alert(1)\">click</a>", "Ana", null, "2024-02-01", null), T0);
    return m.state;
  }

  private static Document parse(String html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setExpandEntityReferences(false);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }
}
