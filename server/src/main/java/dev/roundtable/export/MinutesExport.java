package dev.roundtable.export;

import dev.roundtable.domain.ActionItem;
import dev.roundtable.domain.ActionStatus;
import dev.roundtable.domain.AgendaItem;
import dev.roundtable.domain.ItemStatus;
import dev.roundtable.domain.Meeting;
import dev.roundtable.domain.Minutes;
import dev.roundtable.domain.Motion;
import dev.roundtable.domain.MotionOutcome;
import dev.roundtable.domain.ParkedPoint;
import dev.roundtable.domain.Participant;
import dev.roundtable.domain.RecordedDecision;
import dev.roundtable.domain.Role;
import dev.roundtable.domain.RoomState;
import dev.roundtable.domain.Tally;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Renders a room's minutes as a Markdown or a self-contained, printable HTML document. Pure: the same state
 * and zone always give the same text; no clock, no I/O.
 *
 * <p>Both formats are written from one outline ({@link #outline}), so they carry the same sections in the
 * same order: title; goal, kind, date and time, status of the minutes; attendees (present and absent, screens
 * left out); agenda with planned and actual time; the co-edited minutes text; decisions; action items;
 * parking lot; suggested next meeting. An empty section says so rather than vanishing.
 *
 * <p>Everything people typed is data, never markup. In HTML all of it is escaped, the minutes text
 * included (it is shown as text in a pre-wrapped block). In Markdown the co-edited minutes text is included
 * as-is, since it is Markdown already; every other piece of user text is escaped so it reads literally, and
 * line breaks in it become {@code <br>} so a table cell or list item stays on its line.
 */
public final class MinutesExport {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("EEEE d MMMM uuuu, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx", Locale.ENGLISH);
  private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|[\\r\\n\\u2028\\u2029\\u0085]");
  private static final Pattern ENTITY_LIKE = Pattern.compile("&(?=#?[A-Za-z0-9]+;)");
  private static final String NONE = "—";

  private MinutesExport() {
  }

  /** The minutes as GitHub-flavoured Markdown; {@code zone} (UTC when null) is used for every time shown. */
  public static String markdown(RoomState state, ZoneId zone) {
    return MarkdownWriter.write(outline(state, zone == null ? ZoneOffset.UTC : zone));
  }

  /** The minutes as one complete HTML page with inline CSS and no external resources, ready to print. */
  public static String html(RoomState state, ZoneId zone) {
    return HtmlWriter.write(outline(state, zone == null ? ZoneOffset.UTC : zone));
  }

  // ---- the outline both formats are written from; all strings in it are plain text

  record Doc(String title, List<Fact> facts, List<Section> sections) {
  }

  record Fact(String label, String value) {
  }

  record Section(String id, String heading, List<Block> blocks) {
  }

  sealed interface Block {
  }

  /** A sentence the export itself writes, such as "No decisions recorded." */
  record Remark(String text) implements Block {
  }

  record Subheading(String text) implements Block {
  }

  /** A bulleted list; each entry is its main text and some labelled facts about it. */
  record Bullets(List<Entry> entries) implements Block {
  }

  record Entry(String text, List<Fact> facts) {
  }

  record Table(List<String> header, List<List<Cell>> rows) implements Block {
  }

  /** A table cell; a {@code flagged} one (an overrun) is emphasised. */
  record Cell(String text, boolean flagged) {
    static Cell of(String text) {
      return new Cell(text, false);
    }
  }

  /** The co-edited minutes text: Markdown, included verbatim in Markdown and shown as text in HTML. */
  record Verbatim(String text) implements Block {
  }

  static Doc outline(RoomState s, ZoneId zone) {
    Meeting m = s.meeting();
    String title = m == null || blank(m.title()) ? "Untitled meeting" : m.title();
    List<Fact> facts = List.of(
        new Fact("Goal", m == null || blank(m.goal()) ? NONE : m.goal()),
        new Fact("Kind", m == null || m.kind() == null ? NONE : capitalized(words(m.kind().name()))),
        new Fact("Date and time", m == null ? NONE : meetingTime(m, zone)),
        new Fact("Minutes", minutesStatus(s.minutes(), zone)));
    List<Section> sections = List.of(
        attendees(s), agenda(s), minutesText(s), decisions(s), actionItems(s), parkingLot(s), nextMeeting(s));
    return new Doc(title, facts, sections);
  }

  private static String meetingTime(Meeting m, ZoneId zone) {
    return m.startedAt() != null ? time(m.startedAt(), zone) + " (started)"
        : time(m.scheduledStart(), zone) + " (scheduled)";
  }

  private static String minutesStatus(Minutes minutes, ZoneId zone) {
    if (minutes == null || !minutes.finalized()) {
      return "Draft";
    }
    return minutes.finalizedAt() == null ? "Final" : "Final, finalized " + time(minutes.finalizedAt(), zone);
  }

  private static Section attendees(RoomState s) {
    List<Participant> people = s.participants().values().stream()
        .filter(p -> p.role() != Role.SCREEN)
        .sorted(Comparator.comparingLong(Participant::joinedAt))
        .toList();
    List<Participant> present = people.stream().filter(Participant::attended).toList();
    List<Participant> absent = people.stream().filter(p -> !p.attended()).toList();
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Subheading("Present (" + present.size() + ")"));
    blocks.add(present.isEmpty() ? new Remark("Nobody attended.") : peopleTable(present));
    blocks.add(new Subheading("Absent (" + absent.size() + ")"));
    blocks.add(absent.isEmpty() ? new Remark("Nobody was absent.") : peopleTable(absent));
    return new Section("attendees", "Attendees", blocks);
  }

  private static Table peopleTable(List<Participant> people) {
    return new Table(List.of("Name", "Department", "Role"), people.stream()
        .map(p -> List.of(Cell.of(p.name()), Cell.of(orNone(p.department())), Cell.of(lower(p.role().name()))))
        .toList());
  }

  private static Section agenda(RoomState s) {
    if (s.agenda().isEmpty()) {
      return new Section("agenda", "Agenda", List.of(new Remark("No agenda items.")));
    }
    List<List<Cell>> rows = new ArrayList<>();
    int n = 0;
    for (AgendaItem i : s.agenda()) {
      boolean started = i.actualMs() > 0 || i.status() == ItemStatus.DONE;
      boolean over = i.overrunMs() > 0;
      rows.add(List.of(Cell.of(String.valueOf(++n)), Cell.of(i.title()), Cell.of(orNone(i.owner())),
          Cell.of(duration(i.plannedMs())), Cell.of(started ? duration(i.actualMs()) : NONE),
          new Cell(over ? "+" + duration(i.overrunMs()) + " over" : NONE, over), Cell.of(itemStatus(i.status()))));
    }
    return new Section("agenda", "Agenda",
        List.of(new Table(List.of("No.", "Item", "Owner", "Planned", "Actual", "Overrun", "Status"), rows)));
  }

  private static Section minutesText(RoomState s) {
    String text = s.minutes() == null ? "" : s.minutes().text();
    return new Section("minutes-text", "Minutes text",
        List.of(text == null || text.isBlank() ? new Remark("No minutes text was written.") : new Verbatim(text)));
  }

  private static Section decisions(RoomState s) {
    if (s.decisions().isEmpty()) {
      return new Section("decisions", "Decisions", List.of(new Remark("No decisions recorded.")));
    }
    List<Entry> entries = s.decisions().stream().map(d -> new Entry(d.text(), List.of(
        new Fact("Agenda item", itemTitle(s, d.itemId())),
        new Fact("Decided by", d.decidedBy() == RecordedDecision.DecidedBy.MOTION ? "vote on a motion"
            : "the facilitator")))).toList();
    return new Section("decisions", "Decisions", List.of(new Bullets(entries)));
  }

  private static Section actionItems(RoomState s) {
    if (s.actionItems().isEmpty()) {
      return new Section("action-items", "Action items", List.of(new Remark("No action items recorded.")));
    }
    List<List<Cell>> rows = s.actionItems().stream().map(a -> List.of(Cell.of(a.task()), Cell.of(a.owner()),
        Cell.of(orNone(a.standard())), Cell.of(orNone(a.deadline())), Cell.of(actionStatus(a.status())),
        Cell.of(itemTitle(s, a.itemId())))).toList();
    return new Section("action-items", "Action items", List.of(new Table(
        List.of("Task", "Owner", "Delivery standard", "Deadline", "Status", "Agenda item"), rows)));
  }

  private static Section parkingLot(RoomState s) {
    if (s.parkingLot().isEmpty()) {
      return new Section("parking-lot", "Parking lot", List.of(new Remark("The parking lot is empty.")));
    }
    List<Entry> entries = s.parkingLot().stream().map(p -> {
      List<Fact> facts = new ArrayList<>();
      s.participant(p.authorId()).ifPresent(author -> facts.add(new Fact("Raised by", author.name())));
      if (p.forNextMeeting()) {
        facts.add(new Fact("For the next meeting", "yes"));
      }
      return new Entry(p.text(), facts);
    }).toList();
    return new Section("parking-lot", "Parking lot", List.of(new Bullets(entries)));
  }

  private static Section nextMeeting(RoomState s) {
    List<Entry> entries = new ArrayList<>();
    for (ParkedPoint p : s.parkingLot()) {
      if (p.forNextMeeting()) {
        entries.add(new Entry(p.text(), List.of(new Fact("From", "the parking lot"))));
      }
    }
    for (AgendaItem i : s.agenda()) {
      if (i.status() == ItemStatus.DEFERRED || i.status() == ItemStatus.PENDING) {
        entries.add(new Entry(i.title(), List.of(new Fact("From", "the agenda, " + itemStatus(i.status())))));
      }
    }
    for (ActionItem a : s.actionItems()) {
      if (a.status() != ActionStatus.DONE) {
        entries.add(new Entry(a.task(), List.of(new Fact("From", "action items, " + actionStatus(a.status())),
            new Fact("Owner", a.owner()), new Fact("Deadline", orNone(a.deadline())))));
      }
    }
    s.motions().values().stream()
        .filter(mo -> !mo.open() && (mo.outcome() == MotionOutcome.FAILED || mo.outcome() == MotionOutcome.NO_QUORUM))
        .sorted(Comparator.comparingLong(Motion::openedAt))
        .forEach(mo -> entries.add(new Entry(mo.text(), List.of(
            new Fact("From", mo.outcome() == MotionOutcome.FAILED ? "a motion that failed"
                : "a motion that had no quorum"),
            new Fact("Votes", tally(mo.tally()))))));
    return new Section("next-meeting", "Suggested next meeting", List.of(entries.isEmpty()
        ? new Remark("Nothing to carry over to the next meeting.") : new Bullets(entries)));
  }

  // ---- wording

  private static String itemTitle(RoomState s, String itemId) {
    if (itemId == null || itemId.isBlank()) {
      return NONE;
    }
    return s.item(itemId).map(AgendaItem::title).orElse("(removed item)");
  }

  private static String itemStatus(ItemStatus status) {
    return switch (status) {
      case DONE -> "done";
      case DEFERRED -> "deferred";
      case PENDING -> "not reached";
      case ACTIVE -> "in progress";
    };
  }

  private static String actionStatus(ActionStatus status) {
    return status == null ? NONE : words(status.name());
  }

  private static String tally(Tally t) {
    if (t == null || t.agree() == null) {
      return t == null ? NONE : t.voters() + " voted";
    }
    return t.agree() + " agree, " + t.oppose() + " oppose, " + t.neutral() + " neutral";
  }

  /** {@code h:mm:ss} or {@code m:ss}, rounded up to the second so an overrun never shows as zero. */
  static String duration(long ms) {
    long seconds = Math.max(0, (ms + 999) / 1000);
    long h = seconds / 3600;
    long m = seconds % 3600 / 60;
    long sec = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
        : String.format(Locale.ROOT, "%d:%02d", m, sec);
  }

  static String time(long epochMs, ZoneId zone) {
    ZonedDateTime t = Instant.ofEpochMilli(epochMs).atZone(zone);
    String label = zone.normalized().equals(ZoneOffset.UTC) ? "UTC"
        : zone instanceof ZoneOffset ? "UTC" + OFFSET.format(t)
        : zone.getId() + " (UTC" + OFFSET.format(t) + ")";
    return DATE_TIME.format(t) + " " + label;
  }

  private static String words(String enumName) {
    return enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String orNone(String s) {
    return blank(s) ? NONE : s;
  }

  // ---- Markdown

  private static final class MarkdownWriter {
    private final StringBuilder out = new StringBuilder();

    static String write(Doc doc) {
      MarkdownWriter w = new MarkdownWriter();
      w.out.append("# Minutes: ").append(inline(doc.title())).append("\n\n");
      for (Fact f : doc.facts()) {
        w.out.append("- **").append(inline(f.label())).append(":** ").append(inline(f.value())).append('\n');
      }
      for (Section section : doc.sections()) {
        w.out.append("\n## ").append(inline(section.heading())).append('\n');
        section.blocks().forEach(w::block);
      }
      return w.out.toString();
    }

    private void block(Block block) {
      out.append('\n');
      if (block instanceof Remark r) {
        out.append('_').append(inline(r.text())).append("_\n");
      } else if (block instanceof Subheading h) {
        out.append("### ").append(inline(h.text())).append('\n');
      } else if (block instanceof Bullets b) {
        b.entries().forEach(this::entry);
      } else if (block instanceof Table t) {
        row(t.header().stream().map(Cell::of).toList());
        out.append('|');
        t.header().forEach(h -> out.append("---|"));
        out.append('\n');
        t.rows().forEach(this::row);
      } else if (block instanceof Verbatim v) {
        out.append(v.text());
        if (!v.text().endsWith("\n")) {
          out.append('\n');
        }
      }
    }

    private void entry(Entry e) {
      out.append("- ").append(inline(e.text()));
      for (int i = 0; i < e.facts().size(); i++) {
        Fact f = e.facts().get(i);
        out.append(i == 0 ? " — " : "; ").append('*').append(inline(f.label())).append(":* ")
            .append(inline(f.value()));
      }
      out.append('\n');
    }

    private void row(List<Cell> cells) {
      out.append('|');
      for (Cell c : cells) {
        String text = inline(c.text());
        out.append(' ').append(c.flagged() ? "**" + text + "**" : text).append(" |");
      }
      out.append('\n');
    }

    /**
     * User or generated text made literal on one line: Markdown punctuation (pipes included, so table cells
     * stay whole) is backslash-escaped, an entity-like {@code &name;} cannot turn into a character, and line
     * breaks become {@code <br>}.
     */
    static String inline(String text) {
      String s = text == null ? "" : text;
      StringBuilder b = new StringBuilder(s.length() + 16);
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if ("\\`*_[]<>|#~".indexOf(c) >= 0) {
          b.append('\\');
        }
        b.append(c);
      }
      String escaped = ENTITY_LIKE.matcher(b).replaceAll("\\\\&");
      return LINE_BREAK.matcher(escaped).replaceAll("<br>");
    }
  }

  // ---- HTML

  private static final class HtmlWriter {
    private static final String CSS = """
        :root { color-scheme: light; }
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
          color: #1d1d1f; background: #fff; margin: 0; }
        main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
        h1 { font-size: 1.8rem; margin: 0 0 .75rem; }
        h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid #d0d4da; }
        h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; }
        table { border-collapse: collapse; width: 100%; margin: .3rem 0; }
        th, td { border: 1px solid #c9ced6; padding: .35rem .5rem; text-align: left; vertical-align: top; }
        th { background: #eef1f5; }
        td, li, dd { white-space: pre-line; overflow-wrap: anywhere; }
        .overrun { color: #a11a1a; font-weight: 700; }
        .remark { font-style: italic; color: #555; }
        .fact-label { color: #555; }
        pre.minutes-text { white-space: pre-wrap; overflow-wrap: anywhere; font: 14px/1.5 ui-monospace, Menlo,
          Consolas, monospace; background: #f6f8fa; border: 1px solid #d0d4da; padding: .8rem 1rem; margin: .3rem 0; }
        @media print {
          @page { margin: 18mm 15mm; }
          body { font-size: 11pt; }
          main { max-width: none; padding: 0; }
          h2 { break-after: avoid; page-break-after: avoid; }
          tr, li { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          pre.minutes-text { background: none; border-color: #999; }
        }
        """;

    private final StringBuilder out = new StringBuilder();

    static String write(Doc doc) {
      HtmlWriter w = new HtmlWriter();
      w.out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
          .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
          .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
          .append("style-src 'unsafe-inline'\" />\n")
          .append("<meta name=\"referrer\" content=\"no-referrer\" />\n")
          .append("<title>Minutes: ").append(esc(doc.title())).append("</title>\n")
          .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
          .append("<header>\n<h1>Minutes: ").append(esc(doc.title())).append("</h1>\n<dl class=\"facts\">\n");
      for (Fact f : doc.facts()) {
        w.out.append("<dt>").append(esc(f.label())).append("</dt><dd>").append(esc(f.value())).append("</dd>\n");
      }
      w.out.append("</dl>\n</header>\n");
      for (Section section : doc.sections()) {
        w.out.append("<section id=\"").append(esc(section.id())).append("\">\n<h2>").append(esc(section.heading()))
            .append("</h2>\n");
        section.blocks().forEach(w::block);
        w.out.append("</section>\n");
      }
      w.out.append("</main>\n</body>\n</html>\n");
      return w.out.toString();
    }

    private void block(Block block) {
      if (block instanceof Remark r) {
        out.append("<p class=\"remark\">").append(esc(r.text())).append("</p>\n");
      } else if (block instanceof Subheading h) {
        out.append("<h3>").append(esc(h.text())).append("</h3>\n");
      } else if (block instanceof Bullets b) {
        out.append("<ul>\n");
        b.entries().forEach(this::entry);
        out.append("</ul>\n");
      } else if (block instanceof Table t) {
        out.append("<table>\n<thead><tr>");
        t.header().forEach(h -> out.append("<th scope=\"col\">").append(esc(h)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (List<Cell> row : t.rows()) {
          out.append("<tr>");
          for (Cell c : row) {
            out.append(c.flagged() ? "<td class=\"overrun\">" : "<td>").append(esc(c.text())).append("</td>");
          }
          out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
      } else if (block instanceof Verbatim v) {
        // The newline after <pre> is dropped by HTML parsers, so a leading newline of the text survives.
        out.append("<pre class=\"minutes-text\">\n").append(esc(v.text())).append("</pre>\n");
      }
    }

    private void entry(Entry e) {
      out.append("<li>").append(esc(e.text()));
      for (int i = 0; i < e.facts().size(); i++) {
        Fact f = e.facts().get(i);
        out.append(i == 0 ? " — " : "; ").append("<span class=\"fact\"><span class=\"fact-label\">")
            .append(esc(f.label())).append(":</span> ").append(esc(f.value())).append("</span>");
      }
      out.append("</li>\n");
    }

    /** Text made safe anywhere in the document, attribute values included. */
    static String esc(String text) {
      String s = text == null ? "" : LINE_BREAK.matcher(text).replaceAll("\n");
      StringBuilder b = new StringBuilder(s.length() + 16);
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '&' -> b.append("&amp;");
          case '<' -> b.append("&lt;");
          case '>' -> b.append("&gt;");
          case '"' -> b.append("&quot;");
          case '\'' -> b.append("&#39;");
          default -> b.append(c < 0x20 && c != '\n' && c != '\t' || c == 0x7f ? '\uFFFD' : c);
        }
      }
      return b.toString();
    }
  }
}
