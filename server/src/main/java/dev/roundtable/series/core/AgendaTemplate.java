package dev.roundtable.series.core;

import dev.roundtable.domain.ItemKind;
import dev.roundtable.domain.Language;
import java.util.List;

/**
 * The agenda skeletons for the situations the meeting guides name, in both languages. Each runs inform, then
 * discuss, then decide, so a draft made from one passes {@link AgendaOrder}. {@link #NONE} starts empty.
 */
public enum AgendaTemplate {
  NONE(List.of()),
  PROJECT_COORDINATION(List.of(
      row(ItemKind.INFORM, 10, "Progress against plan", "对照计划的进展", "Status per workstream", "各工作流的状态"),
      row(ItemKind.INFORM, 10, "Review of open action items", "回顾未完成的行动项", "Updated action items", "更新后的行动项"),
      row(ItemKind.DISCUSS, 20, "Risks and blockers per department", "各部门的风险与阻碍", "Risk list with owners",
          "带负责人的风险清单"),
      row(ItemKind.DECIDE, 15, "Decisions and next steps", "决定与下一步", "Decisions, owners and deadlines",
          "决定、负责人与期限"))),
  PROBLEM_SOLVING(List.of(
      row(ItemKind.INFORM, 10, "The problem and its facts", "问题与事实", "Shared problem statement", "一致的问题描述"),
      row(ItemKind.DISCUSS, 20, "Causes", "原因分析", "Root causes agreed", "确认的根本原因"),
      row(ItemKind.DISCUSS, 20, "Options", "可选方案", "Options with pros and cons", "各方案的利弊"),
      row(ItemKind.DECIDE, 10, "Choose a solution and owners", "选定方案与负责人", "Chosen solution, owners, deadline",
          "选定的方案、负责人与期限"))),
  STRATEGY_ROLLOUT(List.of(
      row(ItemKind.INFORM, 15, "The strategy and why", "战略及其原因", "Everyone can explain the goal", "人人能讲清目标"),
      row(ItemKind.DISCUSS, 25, "What it means for each department", "对各部门的意义", "Each department's part",
          "各部门的职责"),
      row(ItemKind.DECIDE, 15, "Milestones and owners", "里程碑与负责人", "Milestones with owners and dates",
          "带负责人与日期的里程碑"))),
  PROCESS_RULES(List.of(
      row(ItemKind.INFORM, 10, "Current process and its problems", "现行流程及其问题", "Shared view of the problems",
          "对问题的一致看法"),
      row(ItemKind.DISCUSS, 20, "Proposed rule changes", "拟议的规则修改", "Comments per department", "各部门的意见"),
      row(ItemKind.DECIDE, 10, "Adopt the rules and the start date", "通过规则与生效日期", "Adopted rules, start date",
          "通过的规则与生效日期")));

  private final List<Row> rows;

  AgendaTemplate(List<Row> rows) {
    this.rows = rows;
  }

  /** The template's items in {@code language}, without owners. */
  public List<DraftItem> items(Language language) {
    boolean zh = language == Language.ZH_CN;
    return rows.stream().map(r -> new DraftItem(zh ? r.zhTitle : r.enTitle, null, r.minutes,
        zh ? r.zhOutput : r.enOutput, r.kind)).toList();
  }

  private record Row(ItemKind kind, int minutes, String enTitle, String zhTitle, String enOutput, String zhOutput) {
  }

  private static Row row(ItemKind kind, int minutes, String en, String zh, String enOutput, String zhOutput) {
    return new Row(kind, minutes, en, zh, enOutput, zhOutput);
  }
}
