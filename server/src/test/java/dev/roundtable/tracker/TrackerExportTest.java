package dev.roundtable.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.ActionStatus;
import dev.roundtable.domain.Language;
import dev.roundtable.tracker.core.Progress;
import dev.roundtable.tracker.core.Source;
import dev.roundtable.tracker.core.TrackedItem;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The action tracker's export")
class TrackerExportTest {
  private static final LocalDate TODAY = LocalDate.parse("2026-12-10");

  private static TrackedItem item(String id, String task, String owner, String department, String deadline,
      ActionStatus status, String note) {
    return new TrackedItem(id, task, owner == null ? null : "u-" + owner, owner, department, "签字确认", deadline,
        status, new Source("20261203T1000", "room-1", "a" + id, "风险清单"), 0, null,
        note == null ? List.of() : List.of(new Progress(1, "u-" + owner, status, note)), 1);
  }

  private static final List<TrackedItem> ITEMS = List.of(
      item("1", "联系供应商确认交期", "王伟", "销售部", "2026-12-08", ActionStatus.IN_PROGRESS, "已发邮件"),
      item("2", "=HYPERLINK(\"http://evil\")", "赵磊", "研发部", "2026-12-20", ActionStatus.OPEN, null),
      item("3", "更新上线计划, \"v2\"", "赵磊", "研发部", null, ActionStatus.DONE, null));

  @Test
  @DisplayName("is a workbook with every item, a sheet per department, a status drop-down and dates, in zh-CN")
  void workbook() throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(TrackerExport.xlsx(ITEMS, Language.ZH_CN,
        TODAY)))) {
      assertThat(wb.getNumberOfSheets()).isEqualTo(3);
      assertThat(List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2)))
          .containsExactly("全部行动项", "销售部", "研发部");
      Sheet all = wb.getSheetAt(0);
      assertThat(all.getRow(0).getCell(0).getStringCellValue()).isEqualTo("任务");
      assertThat(all.getLastRowNum()).isEqualTo(3);
      assertThat(all.getRow(1).getCell(0).getStringCellValue()).isEqualTo("联系供应商确认交期");
      assertThat(all.getRow(1).getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(DateUtil.getLocalDateTime(all.getRow(1).getCell(4).getNumericCellValue()).toLocalDate())
          .isEqualTo(LocalDate.parse("2026-12-08"));
      assertThat(all.getRow(1).getCell(5).getStringCellValue()).isEqualTo("进行中");
      assertThat(all.getRow(1).getCell(6).getStringCellValue()).as("overdue").isEqualTo("是");
      assertThat(all.getRow(1).getCell(8).getStringCellValue()).isEqualTo("已发邮件");
      assertThat(all.getRow(2).getCell(0).getStringCellValue()).as("a formula stays text")
          .startsWith("'=HYPERLINK");
      assertThat(all.getRow(2).getCell(0).getCellType()).isEqualTo(CellType.STRING);
      List<? extends DataValidation> validations = all.getDataValidations();
      assertThat(validations).hasSize(1);
      assertThat(validations.get(0).getValidationConstraint().getExplicitListValues())
          .containsExactly("未开始", "进行中", "已完成", "受阻");
      assertThat(validations.get(0).getRegions().getCellRangeAddress(0).getFirstColumn()).isEqualTo(5);
      assertThat(wb.getSheetAt(2).getLastRowNum()).as("研发部 has two items").isEqualTo(2);
    }
  }

  @Test
  @DisplayName("is a CSV with a byte-order mark, quoted where needed, formulas as text, in English")
  void csv() {
    String csv = TrackerExport.csv(ITEMS, Language.EN, TODAY);
    assertThat(csv).startsWith("\uFEFFTask,Owner,Department,Delivery standard,Deadline,Status,Overdue");
    String[] lines = csv.substring(1).split("\r\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[1]).startsWith("联系供应商确认交期,王伟,销售部,签字确认,2026-12-08,In progress,yes,风险清单,已发邮件");
    assertThat(lines[2]).startsWith("\"'=HYPERLINK(\"\"http://evil\"\")\",赵磊");
    assertThat(lines[3]).startsWith("\"更新上线计划, \"\"v2\"\"\",赵磊,研发部,签字确认,,Done,,");
  }
}
