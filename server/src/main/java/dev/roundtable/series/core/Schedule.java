package dev.roundtable.series.core;

/**
 * When a series meets: the first start as a local date-time in {@code zone} ({@code 2026-12-10T10:00}), an
 * RFC 5545 RRULE value without the {@code RRULE:} prefix (null for a one-off meeting) and the usual duration.
 * The core keeps the rule as text; expanding it is the calendar library's job, outside the core.
 */
public record Schedule(String firstStart, String rrule, String zone, int durationMinutes) {
  public static final String DEFAULT_ZONE = "Asia/Shanghai";

  public boolean recurs() {
    return rrule != null && !rrule.isBlank();
  }
}
