package dev.roundtable.support;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which Vert.x reported a blocked thread (an event loop busy for over 2 s, a worker for
 * over 60 s): no request path may block an event loop, and a warning in a log nobody reads is no test.
 * Registered for every test through META-INF/services and junit-platform.properties. A warning logged
 * outside any test (before or after a class's tests) fails that class.
 */
public final class FailOnBlockedThreads
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    check("before " + context.getDisplayName());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    check("before " + context.getDisplayName());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    check(context.getDisplayName());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    check("after " + context.getDisplayName());
  }

  static void check(String when) {
    List<String> warnings = BlockedThreadWarnings.take();
    if (!warnings.isEmpty()) {
      throw new AssertionError("Vert.x reported a blocked thread (" + when + "):\n" + String.join("\n", warnings));
    }
  }
}
