package dev.roundtable.webclient;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;

/**
 * Keeps the pages a browser test opened and, when the test fails, leaves evidence before the browser closes: a
 * full-page screenshot of every page ({@code FAILED-<test>-<page>.png} beside the other screenshots) and each
 * page's console errors and uncaught exceptions on the test's standard output (Surefire keeps it in
 * {@code target/surefire-reports/<class>-output.txt}).
 */
final class FailureEvidence implements AfterTestExecutionCallback, LifecycleMethodExecutionExceptionHandler {
  private final List<RoomPage> pages = new ArrayList<>();

  RoomPage track(RoomPage page) {
    pages.add(page);
    return page;
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    context.getExecutionException().ifPresent(failure -> leaveEvidence(context, failure));
  }

  /** A failure while the test set up its pages (e.g. a page that never connects) leaves evidence too. */
  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    leaveEvidence(context, failure);
    throw failure;
  }

  private void leaveEvidence(ExtensionContext context, Throwable failure) {
    String test = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
    System.out.println("==== " + test + " failed: " + failure);
    for (RoomPage page : pages) {
      System.out.println("---- " + page + "\n" + page.log());
      try {
        page.screenshot("FAILED-" + test + "-" + page.name, true);
      } catch (RuntimeException e) {
        System.out.println("(no screenshot of " + page.name + ": " + e.getMessage() + ")");
      }
    }
  }
}
