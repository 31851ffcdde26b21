package dev.roundtable.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The web client's layers, read from the import statements of its modules under {@code js/}: core (sync,
 * store, OT) and model (vocabulary, selectors, command builders) and i18n stand on their own; app services
 * use those; components may use app services but never a view; views are mounted only by the entry points.
 */
@DisplayName("The web client's modules")
class ClientLayersTest {
  private static final Path JS = ClientSources.MAIN_WEBROOT.resolve("js");
  private static final Pattern COMMENTS = Pattern.compile("/\\*[\\s\\S]*?\\*/|(?m)^\\s*//[^\\n]*");
  private static final Pattern IMPORT = Pattern.compile(
      "\\b(?:import|export)\\s*(?:[\\w*{}\\s,$]+?\\s*from\\s*)?['\"]([^'\"]+)['\"]|\\bimport\\s*\\(\\s*['\"]([^'\"]+)['\"]");
  /** Which layers each layer may import from (its own always). Top-level files are the entry points. */
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "core", Set.of("core"),
      "model", Set.of("model"),
      "i18n", Set.of("i18n"),
      "app", Set.of("app", "core", "model", "i18n"),
      "components", Set.of("components", "app", "core", "model", "i18n"),
      "views", Set.of("views", "components", "app", "core", "model", "i18n"));

  /** Module (relative to js/, with '/') → the modules it imports (relative to js/, or as written if outside). */
  private static Map<String, List<String>> imports;

  @BeforeAll
  static void readModules() throws IOException {
    imports = new TreeMap<>();
    try (Stream<Path> files = Files.walk(JS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
        imports.put(name(file), importsOf(file));
      }
    }
  }

  @Test
  @DisplayName("import only files that exist")
  void importExistingFiles() {
    List<String> broken = new ArrayList<>();
    imports.forEach((module, targets) -> targets.stream()
        .filter(target -> !Files.isRegularFile(JS.resolve(target)))
        .forEach(target -> broken.add(module + " → " + target)));
    assertThat(broken).isEmpty();
  }

  @Test
  @DisplayName("keep to their layers: core, model and i18n import no UI, components import no views")
  void keepToTheirLayers() {
    assertThat(imports.keySet()).as("every module is in a layer folder or an entry point")
        .allMatch(m -> !m.contains("/") || ALLOWED.containsKey(layer(m)));
    List<String> violations = new ArrayList<>();
    imports.forEach((module, targets) -> {
      if (!module.contains("/")) {
        return; // an entry point may use every layer
      }
      for (String target : targets) {
        if (!target.contains("/") || !ALLOWED.get(layer(module)).contains(layer(target))) {
          violations.add(module + " → " + target);
        }
      }
    });
    assertThat(violations).as("imports across layers").isEmpty();
  }

  @Test
  @DisplayName("let the start page read a token's claims without loading the sync stack")
  void startPageStaysLight() {
    assertThat(reachableFrom("start.js"))
        .contains("core/token.js", "app/session.js")
        .doesNotContain("core/room-client.js", "core/eventbus.js", "core/store.js", "core/ot.js");
  }

  private static Set<String> reachableFrom(String entry) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(entry));
    while (!todo.isEmpty()) {
      String module = todo.pop();
      if (seen.add(module)) {
        todo.addAll(imports.getOrDefault(module, List.of()));
      }
    }
    return seen;
  }

  private static String layer(String module) {
    return module.substring(0, module.indexOf('/'));
  }

  private static String name(Path file) {
    return JS.relativize(file).toString().replace('\\', '/');
  }

  private static List<String> importsOf(Path file) {
    String source;
    try {
      source = COMMENTS.matcher(Files.readString(file)).replaceAll("");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> targets = new ArrayList<>();
    Matcher m = IMPORT.matcher(source);
    while (m.find()) {
      String spec = m.group(1) != null ? m.group(1) : m.group(2);
      Path resolved = file.getParent().resolve(spec).normalize();
      targets.add(resolved.startsWith(JS) ? name(resolved) : spec);
    }
    return targets;
  }
}
