package dev.roundtable.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The minutes text in HTML")
class MinutesMarkdownTest {

  @Test
  @DisplayName("is rendered from its Markdown, headings two levels down")
  void rendersMarkdown() {
    assertThat(MinutesMarkdown.html("# Budget\n\n**Approved**, see [the plan](https://example.org/plan).\n"))
        .isEqualTo("<h3>Budget</h3>\n<p><strong>Approved</strong>, see <a rel=\"nofollow noopener noreferrer\" "
            + "href=\"https://example.org/plan\">the plan</a>.</p>\n");
  }

  static Stream<Arguments> hostile() {
    return Stream.of(
        Arguments.of("a script block", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        Arguments.of("inline HTML", "Hi <img src=x onerror=alert(1)> there", "&lt;img src=x onerror=alert(1)&gt;"),
        Arguments.of("an HTML block", "<div onclick=\"alert(1)\">\nx\n</div>", "&lt;div onclick=&quot;alert(1)&quot;&gt;"),
        Arguments.of("a javascript: link", "[click](javascript:alert(1))", "href=\"\""),
        Arguments.of("a JavaScript: link in capitals", "[click](JaVaScRiPt:alert(1))", "href=\"\""),
        Arguments.of("a data: link", "[x](data:text/html,<script>alert(1)</script>)", "href=\"\""),
        Arguments.of("a vbscript: image", "![x](vbscript:msgbox)", "<img src=\"\""),
        Arguments.of("an autolink with javascript:", "<javascript:alert(1)>", "href=\"\""),
        Arguments.of("an entity-encoded javascript: link", "[x](&#106;avascript:alert(1))", "href=\"\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  @DisplayName("keeps hostile input inert:")
  void hostileInputStaysInert(String what, String markdown, String expected) {
    String html = MinutesMarkdown.html(markdown);

    assertThat(html).contains(expected).doesNotContainIgnoringCase("<script").doesNotContain("<div")
        .doesNotContainIgnoringCase("javascript:alert(1)\"").doesNotContain("onerror=alert(1)>")
        .doesNotContainIgnoringCase("href=\"javascript").doesNotContainIgnoringCase("href=\"data")
        .doesNotContainIgnoringCase("src=\"vbscript");
  }
}
