package dev.roundtable.tracker;

import dev.roundtable.domain.ActionStatus;
import dev.roundtable.domain.Language;
import dev.roundtable.tracker.core.TrackedItem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A series' action tracker as a spreadsheet, in the series' language: an {@code .xlsx} (Apache POI) with every
 * item on the first sheet and a sheet per department, the status column a drop-down of the four statuses (data
 * validation), deadlines as dates, overdue items marked; or the same table as CSV (UTF-8 with a byte-order
 * mark, so Excel reads Chinese). A cell that starts like a formula ({@code = + - @}) is written as text, so
 * a task typed by someone cannot run in the reader's spreadsheet.
 */
public final class TrackerExport {
  private static final int MAX_SHEET_ROWS = 10_000;

  private TrackerExport() {
  }

  /** The columns, in the language. */
  static List<String> header(Language lang) {
    return lang == Language.ZH_CN
        ? List.of("任务", "负责人", "部门", "交付标准", "截止日期", "状态", "逾期", "来源议题", "最近进展")
        : List.of("Task", "Owner", "Department", "Delivery standard", "Deadline", "Status", "Overdue", "Agenda item",
            "Latest progress");
  }

  /** A status as people read it; the drop-down offers these. */
  static String status(ActionStatus s, Language lang) {
    boolean zh = lang == Language.ZH_CN;
    return switch (s) {
      case OPEN -> zh ? "未开始" : "Open";
      case IN_PROGRESS -> zh ? "进行中" : "In progress";
      case DONE -> zh ? "已完成" : "Done";
      case BLOCKED -> zh ? "受阻" : "Blocked";
    };
  }

  /** One row's texts, as both formats write them. */
  static List<String> row(TrackedItem i, Language lang, LocalDate today) {
    boolean zh = lang == Language.ZH_CN;
    String latest = i.progress().isEmpty() ? "" : orEmpty(i.progress().get(i.progress().size() - 1).note());
    return List.of(orEmpty(i.task()), orEmpty(i.ownerName()), orEmpty(i.department()), orEmpty(i.standard()),
        orEmpty(i.deadline()), status(i.status(), lang), i.overdue(today) ? (zh ? "是" : "yes") : "",
        i.source() == null ? "" : orEmpty(i.source().agendaItem()), latest);
  }

  public static byte[] xlsx(List<TrackedItem> items, Language lang, LocalDate today) {
    try (Workbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Styles styles = new Styles(wb);
      sheet(wb, styles, lang == Language.ZH_CN ? "全部行动项" : "All action items", items, lang, today);
      Map<String, List<TrackedItem>> byDepartment = new LinkedHashMap<>();
      items.forEach(i -> byDepartment.computeIfAbsent(
          i.department() == null || i.department().isBlank() ? (lang == Language.ZH_CN ? "未分部门" : "No department")
              : i.department(), d -> new ArrayList<>()).add(i));
      Set<String> names = new HashSet<>();
      names.add(wb.getSheetName(0).toLowerCase(Locale.ROOT));
      byDepartment.forEach((department, list) -> sheet(wb, styles, unique(department, names), list, lang, today));
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String csv(List<TrackedItem> items, Language lang, LocalDate today) {
    StringBuilder b = new StringBuilder("\uFEFF");
    line(b, header(lang));
    items.forEach(i -> line(b, row(i, lang, today)));
    return b.toString();
  }

  public static byte[] csvBytes(List<TrackedItem> items, Language lang, LocalDate today) {
    return csv(items, lang, today).getBytes(StandardCharsets.UTF_8);
  }

  private static void sheet(Workbook wb, Styles styles, String name, List<TrackedItem> items, Language lang,
      LocalDate today) {
    Sheet sheet = wb.createSheet(WorkbookUtil.createSafeSheetName(name));
    List<String> header = header(lang);
    Row head = sheet.createRow(0);
    for (int c = 0; c < header.size(); c++) {
      Cell cell = head.createCell(c);
      cell.setCellValue(header.get(c));
      cell.setCellStyle(styles.header);
    }
    int r = 1;
    for (TrackedItem i : items.subList(0, Math.min(items.size(), MAX_SHEET_ROWS))) {
      Row row = sheet.createRow(r++);
      List<String> texts = row(i, lang, today);
      for (int c = 0; c < texts.size(); c++) {
        Cell cell = row.createCell(c);
        LocalDate deadline = c == 4 ? date(texts.get(c)) : null;
        if (deadline != null) {
          cell.setCellValue(deadline);
          cell.setCellStyle(i.overdue(today) ? styles.overdueDate : styles.date);
        } else {
          cell.setCellValue(text(texts.get(c)));
          cell.setCellStyle(c == 6 && !texts.get(c).isEmpty() ? styles.overdue : styles.wrap);
        }
      }
    }
    // The status column: a drop-down of the four statuses, on every data row (and rows added below).
    DataValidationHelper helper = sheet.getDataValidationHelper();
    DataValidation statusList = helper.createValidation(
        helper.createExplicitListConstraint(java.util.Arrays.stream(ActionStatus.values())
            .map(s -> status(s, lang)).toArray(String[]::new)),
        new CellRangeAddressList(1, Math.max(1, items.size()) + 200, 5, 5));
    statusList.setShowErrorBox(true);
    sheet.addValidationData(statusList);
    sheet.createFreezePane(0, 1);
    sheet.setAutoFilter(new CellRangeAddress(0, Math.max(1, r - 1), 0, header.size() - 1));
    int[] widths = {40, 14, 14, 30, 12, 10, 8, 24, 40};
    for (int c = 0; c < widths.length; c++) {
      sheet.setColumnWidth(c, widths[c] * 256);
    }
  }

  private static final class Styles {
    final CellStyle header;
    final CellStyle wrap;
    final CellStyle date;
    final CellStyle overdueDate;
    final CellStyle overdue;

    Styles(Workbook wb) {
      Font bold = wb.createFont();
      bold.setBold(true);
      header = wb.createCellStyle();
      header.setFont(bold);
      header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      header.setBorderBottom(BorderStyle.THIN);
      wrap = wb.createCellStyle();
      wrap.setWrapText(true);
      short iso = wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd");
      date = wb.createCellStyle();
      date.setDataFormat(iso);
      Font red = wb.createFont();
      red.setColor(IndexedColors.RED.getIndex());
      red.setBold(true);
      overdueDate = wb.createCellStyle();
      overdueDate.setDataFormat(iso);
      overdueDate.setFont(red);
      overdue = wb.createCellStyle();
      overdue.setFont(red);
    }
  }

  private static String unique(String department, Set<String> taken) {
    String base = WorkbookUtil.createSafeSheetName(department);
    String name = base;
    for (int n = 2; taken.contains(name.toLowerCase(Locale.ROOT)); n++) {
      String suffix = " (" + n + ")";
      name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
    }
    taken.add(name.toLowerCase(Locale.ROOT));
    return name;
  }

  private static LocalDate date(String iso) {
    try {
      return iso == null || iso.isEmpty() ? null : LocalDate.parse(iso);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A cell that a spreadsheet would read as a formula becomes plain text. */
  static String text(String value) {
    return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
  }

  private static void line(StringBuilder b, List<String> cells) {
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        b.append(',');
      }
      String v = text(cells.get(c));
      b.append(v.matches("[^\",\r\n]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"");
    }
    b.append("\r\n");
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
