package dev.roundtable.support;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.stream.Collectors;

/**
 * axe-core (Deque's build, from Maven Central) run inside a real page: the accessibility check every view
 * passes in every language. Only serious and critical violations fail a test; the others are a backlog.
 */
public final class Accessibility {
  private static final List<String> FAILING_IMPACTS = List.of("serious", "critical");

  private Accessibility() {
  }

  /** The serious and critical violations of what {@code page} shows now, one line each; empty when none. */
  public static List<String> seriousViolations(Page page) {
    AxeResults results = new AxeBuilder(page).analyze();
    return results.getViolations().stream()
        .filter(rule -> FAILING_IMPACTS.contains(rule.getImpact()))
        .map(Accessibility::describe)
        .toList();
  }

  private static String describe(Rule rule) {
    String targets = rule.getNodes().stream().limit(5).map(node -> String.valueOf(node.getTarget()))
        .collect(Collectors.joining(", "));
    return rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " [" + targets + "]";
  }
}
