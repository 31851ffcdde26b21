package dev.roundtable.export;

import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The co-edited minutes text, which people write in Markdown, as HTML for the export. The text is hostile
 * like any input: raw HTML in it is escaped (shown as text, never parsed), link and image targets other than
 * http, https and mailto are emptied (no {@code javascript:}), and links get {@code rel="nofollow noopener
 * noreferrer"}. The export page's Content-Security-Policy loads nothing from elsewhere either, so an image
 * shows its alt text only. Headings move two levels down, under the export's own section heading.
 */
final class MinutesMarkdown {
  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
      .escapeHtml(true)
      .sanitizeUrls(true)
      .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
      .attributeProviderFactory(context -> (node, tag, attributes) -> {
        if (tag.equals("a")) {
          attributes.put("rel", "nofollow noopener noreferrer");
        }
      })
      .build();
  private static final int HEADING_SHIFT = 2;
  private static final int DEEPEST_HEADING = 6;

  private MinutesMarkdown() {
  }

  static String html(String markdown) {
    Node document = PARSER.parse(markdown);
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(Heading heading) {
        heading.setLevel(Math.min(DEEPEST_HEADING, heading.getLevel() + HEADING_SHIFT));
        visitChildren(heading);
      }
    });
    return RENDERER.render(document);
  }
}
