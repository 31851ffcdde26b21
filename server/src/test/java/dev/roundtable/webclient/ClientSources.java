package dev.roundtable.webclient;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Route;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the web client's sources are, seen from a server test (Maven runs tests in {@code server/}), and the
 * one way its tests reach a browser: the client's own test pages and modules live in the web-client module's
 * test tree, never in its jar, and {@link #serveClientTests} hands them to a browser context under
 * {@code /tests/} without the server knowing about them.
 */
public final class ClientSources {
  /** {@code web-client/src/main/webroot}: what the jar ships. */
  public static final Path MAIN_WEBROOT = findUp(Path.of("web-client", "src", "main", "webroot"));
  /** {@code web-client/src/test/webroot}: unit.html, live.html and their modules, under {@code tests/}. */
  public static final Path TEST_WEBROOT = findUp(Path.of("web-client", "src", "test", "webroot"));

  private ClientSources() {
  }

  /**
   * Makes {@code context} answer every {@code /tests/...} request from {@link #TEST_WEBROOT} instead of asking
   * the server (which does not have them); everything else, the client's own modules included, still comes
   * from the server.
   */
  public static BrowserContext serveClientTests(BrowserContext context) {
    context.route(url -> URI.create(url).getPath().startsWith("/tests/"), ClientSources::fulfil);
    return context;
  }

  private static void fulfil(Route route) {
    String path = URI.create(route.request().url()).getPath();
    Path file = TEST_WEBROOT.resolve(path.substring(1)).normalize();
    if (!file.startsWith(TEST_WEBROOT) || !Files.isRegularFile(file)) {
      route.fulfill(new Route.FulfillOptions().setStatus(404).setBody("no such client test file: " + path));
      return;
    }
    String name = file.getFileName().toString();
    String type = name.endsWith(".html") ? "text/html; charset=utf-8"
        : name.endsWith(".js") ? "text/javascript; charset=utf-8" : "application/octet-stream";
    try {
      route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType(type)
          .setBodyBytes(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code relative} under the working directory or the nearest parent that has it. */
  private static Path findUp(Path relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(relative))) {
        return dir.resolve(relative).normalize();
      }
    }
    return relative.toAbsolutePath().normalize();
  }
}
