package dev.roundtable.series.core;

/**
 * What the coordinator will change after a meeting its attendees rated poorly: the text and when it was
 * written. Whether a plan is due is the review's rule ({@code review.core.Reviews#planDue}); the series only
 * keeps the plan.
 */
public record ImprovementPlan(String text, long writtenAt) {
}
