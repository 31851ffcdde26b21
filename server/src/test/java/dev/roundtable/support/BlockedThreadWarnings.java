package dev.roundtable.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;

/**
 * A logback appender (logback-test.xml attaches it to Vert.x's blocked-thread checker) that keeps every
 * warning until {@link FailOnBlockedThreads} takes them, at the end of each test.
 */
public final class BlockedThreadWarnings extends AppenderBase<ILoggingEvent> {
  private static final List<String> WARNINGS = new ArrayList<>();

  @Override
  protected void append(ILoggingEvent event) {
    synchronized (WARNINGS) {
      WARNINGS.add("[" + event.getThreadName() + "] " + event.getFormattedMessage());
    }
  }

  /** The warnings logged since the last call, oldest first. */
  public static List<String> take() {
    synchronized (WARNINGS) {
      List<String> taken = List.copyOf(WARNINGS);
      WARNINGS.clear();
      return taken;
    }
  }
}
