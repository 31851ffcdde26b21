package dev.roundtable.export;

import dev.roundtable.domain.ActionItem;
import dev.roundtable.domain.ActionStatus;
import dev.roundtable.domain.AgendaItem;
import dev.roundtable.domain.ItemStatus;
import dev.roundtable.domain.Language;
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
 * Renders a room's minutes as a Markdown or a self-contained, printable HTML document, in the meeting's
 * language or another one asked for. Pure: the same state, zone and language always give the same text; no
 * clock, no I/O.
 *
 * <p>Both formats are written from one outline ({@link #outline}), so they carry the same sections in the
 * same order: title; goal, kind, date and time, status of the minutes; attendees (present and absent, screens
 * left out); agenda with planned and actual time; the co-edited minutes text; the board's notes by lane and
 * group with their dots; decisions; action items; parking lot; suggested next meeting. An empty section says
 * so rather than vanishing. Every word the export writes itself comes from the language's {@link Catalogue}.
 *
 * <p>The board shows what the viewer's snapshot holds, less any note still private to its author: a private
 * note is the author's draft, not part of the record. An anonymous note never names its author.
 *
 * <p>Everything people typed is data, never markup. In HTML all of it is escaped; the minutes text is
 * rendered as Markdown by commonmark with raw HTML escaped and only http, https and mailto links kept
 * ({@link MinutesMarkdown}). In Markdown the co-edited minutes text is included as-is, since it is Markdown
 * already; every other piece of user text is escaped so it reads literally, and line breaks in it become
 * {@code <br>} so a table cell or list item stays on its line.
 */
public final class MinutesExport {
  private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx", Locale.ENGLISH);
  private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|[\\r\\n\\u2028\\u2029\\u0085]");
  private static final Pattern ENTITY_LIKE = Pattern.compile("&(?=#?[A-Za-z0-9]+;)");

  private MinutesExport() {
  }

  /** The minutes as GitHub-flavoured Markdown, in the meeting's language; times in {@code zone} (UTC when null). */
  public static String markdown(RoomState state, ZoneId zone) {
    return markdown(state, zone, null);
  }

  /** As {@link #markdown(RoomState, ZoneId)}, in {@code language} (the meeting's when null). */
  public static String markdown(RoomState state, ZoneId zone, Language language) {
    return MarkdownWriter.write(outline(state, zone, language));
  }

  /** The minutes as one complete HTML page with inline CSS and no external resources, ready to print. */
  public static String html(RoomState state, ZoneId zone) {
    return html(state, zone, null);
  }

  /** As {@link #html(RoomState, ZoneId)}, in {@code language} (the meeting's when null). */
  public static String html(RoomState state, ZoneId zone, Language language) {
    return HtmlWriter.write(outline(state, zone, language));
  }

  // ---- the outline both formats are written from; all strings in it are plain text

  record Doc(Language language, String title, List<Fact> facts, List<Section> sections) {
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

  /** The co-edited minutes text: Markdown, included verbatim in Markdown and rendered from it in HTML. */
  record Verbatim(String text) implements Block {
  }

  static Doc outline(RoomState s, ZoneId zone, Language language) {
    Meeting m = s.meeting();
    Language lang = language != null ? language : m == null ? Language.DEFAULT : m.language();
    Words w = new Words(Catalogue.of(lang), zone == null ? ZoneOffset.UTC : zone);
    String title = w.c.text("doc.title", m == null || blank(m.title()) ? w.c.text("doc.untitled") : m.title());
    List<Fact> facts = List.of(
        new Fact(w.c.text("fact.goal"), m == null || blank(m.goal()) ? w.none() : m.goal()),
        new Fact(w.c.text("fact.kind"), m == null || m.kind() == null ? w.none() : w.c.text("kind." + key(m.kind()))),
        new Fact(w.c.text("fact.dateTime"), m == null ? w.none() : w.meetingTime(m)),
        new Fact(w.c.text("fact.minutes"), w.minutesStatus(s.minutes())));
    List<Section> sections = List.of(attendees(s, w), agenda(s, w), minutesText(s, w), BoardSection.of(s, w),
        decisions(s, w), actionItems(s, w), parkingLot(s, w), nextMeeting(s, w));
    return new Doc(lang, title, facts, sections);
  }

  private static Section attendees(RoomState s, Words w) {
    List<Participant> people = s.participants().values().stream()
        .filter(p -> p.role() != Role.SCREEN)
        .sorted(Comparator.comparingLong(Participant::joinedAt))
        .toList();
    List<Participant> present = people.stream().filter(Participant::attended).toList();
    List<Participant> absent = people.stream().filter(p -> !p.attended()).toList();
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Subheading(w.c.text("attendees.present", present.size())));
    blocks.add(present.isEmpty() ? new Remark(w.c.text("attendees.nobodyAttended")) : peopleTable(present, w));
    blocks.add(new Subheading(w.c.text("attendees.absent", absent.size())));
    blocks.add(absent.isEmpty() ? new Remark(w.c.text("attendees.nobodyAbsent")) : peopleTable(absent, w));
    return new Section("attendees", w.c.text("section.attendees"), blocks);
  }

  private static Table peopleTable(List<Participant> people, Words w) {
    return new Table(List.of(w.c.text("column.name"), w.c.text("column.department"), w.c.text("column.role")),
        people.stream().map(p -> List.of(Cell.of(p.name()), Cell.of(w.orNone(p.department())),
            Cell.of(w.c.text("role." + key(p.role()))))).toList());
  }

  private static Section agenda(RoomState s, Words w) {
    String heading = w.c.text("section.agenda");
    if (s.agenda().isEmpty()) {
      return new Section("agenda", heading, List.of(new Remark(w.c.text("agenda.empty"))));
    }
    List<List<Cell>> rows = new ArrayList<>();
    int n = 0;
    for (AgendaItem i : s.agenda()) {
      boolean started = i.actualMs() > 0 || i.status() == ItemStatus.DONE;
      boolean over = i.overrunMs() > 0;
      rows.add(List.of(Cell.of(String.valueOf(++n)), Cell.of(i.title()), Cell.of(w.orNone(i.owner())),
          Cell.of(duration(i.plannedMs())), Cell.of(started ? duration(i.actualMs()) : w.none()),
          new Cell(over ? w.c.text("agenda.over", duration(i.overrunMs())) : w.none(), over),
          Cell.of(w.itemStatus(i.status()))));
    }
    return new Section("agenda", heading, List.of(new Table(List.of(w.c.text("column.number"),
        w.c.text("column.item"), w.c.text("column.owner"), w.c.text("column.planned"), w.c.text("column.actual"),
        w.c.text("column.overrun"), w.c.text("column.status")), rows)));
  }

  private static Section minutesText(RoomState s, Words w) {
    String text = s.minutes() == null ? "" : s.minutes().text();
    return new Section("minutes-text", w.c.text("section.minutesText"), List.of(text == null || text.isBlank()
        ? new Remark(w.c.text("minutesText.empty")) : new Verbatim(text)));
  }

  private static Section decisions(RoomState s, Words w) {
    String heading = w.c.text("section.decisions");
    if (s.decisions().isEmpty()) {
      return new Section("decisions", heading, List.of(new Remark(w.c.text("decisions.empty"))));
    }
    List<Entry> entries = s.decisions().stream().map(d -> new Entry(decisionText(s, d, w), List.of(
        new Fact(w.c.text("decision.agendaItem"), w.itemTitle(s, d.itemId())),
        new Fact(w.c.text("decision.decidedBy"), w.c.text(d.decidedBy() == RecordedDecision.DecidedBy.MOTION
            ? "decidedBy.motion" : "decidedBy.facilitator"))))).toList();
    return new Section("decisions", heading, List.of(new Bullets(entries)));
  }

  /**
   * A decision as recorded, except that the sentence the server wrote for a closed motion is written again
   * from the motion in the export's language; a motion the snapshot lacks keeps the recorded sentence.
   */
  private static String decisionText(RoomState s, RecordedDecision d, Words w) {
    Motion mo = d.motionId() == null ? null : s.motions().get(d.motionId());
    if (d.decidedBy() != RecordedDecision.DecidedBy.MOTION || mo == null || mo.outcome() == null
        || mo.tally() == null || mo.tally().agree() == null) {
      return d.text();
    }
    return w.c.text("decision.motion", mo.text(), w.outcome(mo.outcome()), w.tally(mo.tally()));
  }

  private static Section actionItems(RoomState s, Words w) {
    String heading = w.c.text("section.actionItems");
    if (s.actionItems().isEmpty()) {
      return new Section("action-items", heading, List.of(new Remark(w.c.text("actionItems.empty"))));
    }
    List<List<Cell>> rows = s.actionItems().stream().map(a -> List.of(Cell.of(a.task()), Cell.of(a.owner()),
        Cell.of(w.orNone(a.standard())), Cell.of(w.orNone(a.deadline())), Cell.of(w.actionStatus(a.status())),
        Cell.of(w.itemTitle(s, a.itemId())))).toList();
    return new Section("action-items", heading, List.of(new Table(List.of(w.c.text("column.task"),
        w.c.text("column.owner"), w.c.text("column.standard"), w.c.text("column.deadline"),
        w.c.text("column.status"), w.c.text("column.agendaItem")), rows)));
  }

  private static Section parkingLot(RoomState s, Words w) {
    String heading = w.c.text("section.parkingLot");
    if (s.parkingLot().isEmpty()) {
      return new Section("parking-lot", heading, List.of(new Remark(w.c.text("parkingLot.empty"))));
    }
    List<Entry> entries = s.parkingLot().stream().map(p -> {
      List<Fact> facts = new ArrayList<>();
      s.participant(p.authorId()).ifPresent(author -> facts.add(new Fact(w.c.text("parking.raisedBy"),
          author.name())));
      if (p.forNextMeeting()) {
        facts.add(new Fact(w.c.text("parking.forNextMeeting"), w.c.text("yes")));
      }
      return new Entry(p.text(), facts);
    }).toList();
    return new Section("parking-lot", heading, List.of(new Bullets(entries)));
  }

  private static Section nextMeeting(RoomState s, Words w) {
    String from = w.c.text("next.from");
    List<Entry> entries = new ArrayList<>();
    for (ParkedPoint p : s.parkingLot()) {
      if (p.forNextMeeting()) {
        entries.add(new Entry(p.text(), List.of(new Fact(from, w.c.text("next.fromParkingLot")))));
      }
    }
    for (AgendaItem i : s.agenda()) {
      if (i.status() == ItemStatus.DEFERRED || i.status() == ItemStatus.PENDING) {
        entries.add(new Entry(i.title(), List.of(new Fact(from, w.c.text("next.fromAgenda",
            w.itemStatus(i.status()))))));
      }
    }
    for (ActionItem a : s.actionItems()) {
      if (a.status() != ActionStatus.DONE) {
        entries.add(new Entry(a.task(), List.of(
            new Fact(from, w.c.text("next.fromActionItems", w.actionStatus(a.status()))),
            new Fact(w.c.text("next.owner"), a.owner()), new Fact(w.c.text("next.deadline"),
                w.orNone(a.deadline())))));
      }
    }
    s.motions().values().stream()
        .filter(mo -> !mo.open() && (mo.outcome() == MotionOutcome.FAILED || mo.outcome() == MotionOutcome.NO_QUORUM))
        .sorted(Comparator.comparingLong(Motion::openedAt))
        .forEach(mo -> entries.add(new Entry(mo.text(), List.of(
            new Fact(from, w.c.text(mo.outcome() == MotionOutcome.FAILED ? "next.motionFailed"
                : "next.motionNoQuorum")),
            new Fact(w.c.text("next.votes"), w.tally(mo.tally()))))));
    return new Section("next-meeting", w.c.text("section.nextMeeting"), List.of(entries.isEmpty()
        ? new Remark(w.c.text("nextMeeting.empty")) : new Bullets(entries)));
  }

  // ---- wording

  /** The catalogue's words for the states and values of a room, and times in the export's zone. */
  record Words(Catalogue c, ZoneId zone) {
    String none() {
      return c.text("none");
    }

    String orNone(String s) {
      return blank(s) ? none() : s;
    }

    String meetingTime(Meeting m) {
      return m.startedAt() != null ? c.text("time.started", time(m.startedAt()))
          : c.text("time.scheduled", time(m.scheduledStart()));
    }

    String minutesStatus(Minutes minutes) {
      if (minutes == null || !minutes.finalized()) {
        return c.text("minutes.draft");
      }
      return minutes.finalizedAt() == null ? c.text("minutes.final")
          : c.text("minutes.finalizedAt", time(minutes.finalizedAt()));
    }

    String itemTitle(RoomState s, String itemId) {
      if (itemId == null || itemId.isBlank()) {
        return none();
      }
      return s.item(itemId).map(AgendaItem::title).orElse(c.text("item.removed"));
    }

    String itemStatus(ItemStatus status) {
      return c.text("itemStatus." + key(status));
    }

    String actionStatus(ActionStatus status) {
      return status == null ? none() : c.text("actionStatus." + key(status));
    }

    String outcome(MotionOutcome outcome) {
      return c.text("outcome." + key(outcome));
    }

    String tally(Tally t) {
      if (t == null || t.agree() == null) {
        return t == null ? none() : c.text("tally.voters", t.voters());
      }
      return c.text("tally.counts", t.agree(), t.oppose(), t.neutral());
    }

    /** Day, date and 24-hour time in the catalogue's words, then the zone. */
    String time(long epochMs) {
      ZonedDateTime t = Instant.ofEpochMilli(epochMs).atZone(zone);
      String utc = c.text("zone.utc");
      String label = zone.normalized().equals(ZoneOffset.UTC) ? utc
          : zone instanceof ZoneOffset ? utc + OFFSET.format(t)
          : zone.getId() + " (" + utc + OFFSET.format(t) + ")";
      return c.dateTime().format(t) + " " + label;
    }
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

  /** An enum constant as a catalogue key part: {@code IN_PROGRESS} is {@code inProgress}. */
  static String key(Enum<?> value) {
    String[] parts = value.name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder b = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return b.toString();
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  // ---- Markdown

  private static final class MarkdownWriter {
    private final StringBuilder out = new StringBuilder();

    static String write(Doc doc) {
      MarkdownWriter w = new MarkdownWriter();
      w.out.append("# ").append(inline(doc.title())).append("\n\n");
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
        div.minutes-text { overflow-wrap: anywhere; border-left: 3px solid #d0d4da; padding: .1rem 1rem;
          margin: .3rem 0; }
        div.minutes-text pre, div.minutes-text code { font: 13px/1.45 ui-monospace, Menlo, Consolas, monospace;
          background: #f6f8fa; }
        div.minutes-text pre { white-space: pre-wrap; padding: .5rem .8rem; }
        @media print {
          @page { margin: 18mm 15mm; }
          body { font-size: 11pt; }
          main { max-width: none; padding: 0; }
          h2 { break-after: avoid; page-break-after: avoid; }
          tr, li { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          div.minutes-text { border-color: #999; }
        }
        """;

    private final StringBuilder out = new StringBuilder();

    static String write(Doc doc) {
      HtmlWriter w = new HtmlWriter();
      w.out.append("<!DOCTYPE html>\n<html lang=\"").append(esc(doc.language().tag()))
          .append("\">\n<head>\n<meta charset=\"utf-8\" />\n")
          .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
          .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
          .append("style-src 'unsafe-inline'\" />\n")
          .append("<meta name=\"referrer\" content=\"no-referrer\" />\n")
          .append("<title>").append(esc(doc.title())).append("</title>\n")
          .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
          .append("<header>\n<h1>").append(esc(doc.title())).append("</h1>\n<dl class=\"facts\">\n");
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
        out.append("<div class=\"minutes-text\">\n").append(MinutesMarkdown.html(v.text())).append("</div>\n");
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
