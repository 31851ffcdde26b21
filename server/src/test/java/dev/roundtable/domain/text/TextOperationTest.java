package dev.roundtable.domain.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.roundtable.domain.text.TextOperation.Pair;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A text operation")
class TextOperationTest {
  private static final String EMOJI = "\uD83D\uDE00";

  private static TextOperation op(Object... components) {
    // Arrays.asList, unlike List.of, lets the refusal tests pass null.
    return TextOperation.of(Arrays.asList(components));
  }

  @Nested
  @DisplayName("read from ot.js's compact wire form")
  class Parsing {
    @Test
    @DisplayName("turns positive numbers into retains, strings into inserts and negative numbers into deletes")
    void parsesCompactForm() {
      TextOperation operation = op(5, "abc", -2, 10);

      assertThat(operation.toComponents()).containsExactly(5, "abc", -2, 10);
      assertThat(operation.baseLength()).isEqualTo(17);
      assertThat(operation.targetLength()).isEqualTo(18);
    }

    @Test
    @DisplayName("accepts every integral type a JSON decoder may produce")
    void acceptsIntegralTypes() {
      TextOperation operation = TextOperation.of(List.of(2L, "x", (short) -1, (byte) 3, BigInteger.valueOf(-4)));

      assertThat(operation).isEqualTo(op(2, "x", -1, 3, -4));
      assertThat(operation.toComponents()).allSatisfy(c -> assertThat(c).isInstanceOfAny(Integer.class, String.class));
    }

    @Test
    @DisplayName("reads an empty list as the no-op on the empty document")
    void parsesEmptyList() {
      TextOperation operation = op();

      assertThat(operation.baseLength()).isZero();
      assertThat(operation.targetLength()).isZero();
      assertThat(operation.isNoop()).isTrue();
      assertThat(operation.toComponents()).isEmpty();
      assertThat(operation).isEqualTo(TextOperation.builder().build()).isEqualTo(TextOperation.identity(0));
    }

    @Test
    @DisplayName("merges adjacent components of the same kind")
    void mergesAdjacentComponents() {
      assertThat(op(2, 3, "a", "b", -1, -2, 4).toComponents()).containsExactly(5, "ab", -3, 4);
    }

    @Test
    @DisplayName("moves an insert that follows a delete in front of it, as ot.js does")
    void putsInsertBeforeDelete() {
      assertThat(op(1, -2, "x", 3).toComponents()).containsExactly(1, "x", -2, 3);
      assertThat(op("a", -1, "b", -1, "c").toComponents()).containsExactly("abc", -2);
      assertThat(op(-1, "x")).isEqualTo(op("x", -1));
    }

    @Test
    @DisplayName("keeps a trailing retain because it carries the length of the untouched end")
    void keepsTrailingRetain() {
      TextOperation operation = op("x", 7);

      assertThat(operation.toComponents()).containsExactly("x", 7);
      assertThat(operation.baseLength()).isEqualTo(7);
    }

    @Test
    @DisplayName("refuses a missing list")
    void refusesNull() {
      assertThatThrownBy(() -> TextOperation.of(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("got null");
    }

    static Stream<Arguments> malformedComponents() {
      return Stream.of(
          Arguments.of("zero", 0, "zero is neither"),
          Arguments.of("zero as a long", 0L, "zero is neither"),
          Arguments.of("null", null, "expected an integer"),
          Arguments.of("a fraction", 1.5, "must be integers, not Double"),
          Arguments.of("a whole number written as a double", 3.0, "must be integers, not Double"),
          Arguments.of("a float", 2f, "must be integers, not Float"),
          Arguments.of("a decimal", new BigDecimal("4"), "must be integers, not BigDecimal"),
          Arguments.of("an empty string", "", "must not be empty"),
          Arguments.of("a boolean", true, "expected an integer"),
          Arguments.of("a character", 'x', "expected an integer"),
          Arguments.of("a nested list", List.of(1), "expected an integer"),
          Arguments.of("a map", Map.of("retain", 1), "expected an integer"),
          Arguments.of("a retain beyond int", (long) Integer.MAX_VALUE + 1, "longer than"),
          Arguments.of("a delete of 2^31", (long) Integer.MIN_VALUE, "longer than"),
          Arguments.of("a huge BigInteger", BigInteger.TEN.pow(30), "longer than"));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("malformedComponents")
    @DisplayName("refuses malformed components, naming their position")
    void refusesMalformedComponents(String what, Object component, String message) {
      assertThatThrownBy(() -> op(3, "ok", component))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("component 2 (")
          .hasMessageContaining(message);
    }

    @Test
    @DisplayName("refuses components whose lengths add up to more than an int")
    void refusesOverflowingTotal() {
      assertThatThrownBy(() -> op(Integer.MAX_VALUE, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("more than " + Integer.MAX_VALUE);
      assertThatThrownBy(() -> op(Integer.MAX_VALUE, "x"))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("leaves a builder unchanged when it refuses a component that would overflow")
    void builderSurvivesOverflow() {
      TextOperation.Builder builder = TextOperation.builder().retain(Integer.MAX_VALUE - 1);

      assertThatThrownBy(() -> builder.delete(2)).isInstanceOf(IllegalArgumentException.class);
      assertThat(builder.delete(1).build().toComponents()).containsExactly(Integer.MAX_VALUE - 1, -1);
    }

    @Test
    @DisplayName("writes the same compact form back out")
    void roundTrips() {
      TextOperation operation = op(1, "h\u00e9llo " + EMOJI, -3, 2);

      assertThat(TextOperation.of(operation.toComponents())).isEqualTo(operation);
      assertThatThrownBy(() -> operation.toComponents().add(1)).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  @DisplayName("is a value")
  class Value {
    @Test
    @DisplayName("equals another operation with the same components, whatever shape it was built from")
    void equalsByNormalForm() {
      TextOperation built = TextOperation.builder().retain(1).retain(0).delete(2).insert("x").retain(3).build();
      TextOperation parsed = op(1, "x", -2, 3);

      assertThat(built).isEqualTo(parsed).hasSameHashCodeAs(parsed);
      assertThat(built).isNotEqualTo(op(1, "y", -2, 3)).isNotEqualTo(op(1, "x", -2, 2)).isNotEqualTo("x");
    }

    @Test
    @DisplayName("prints its compact form with inserts quoted")
    void printsCompactForm() {
      assertThat(op(5, "a\"b\\c\nd", -2, 10)).hasToString("TextOperation[5, \"a\\\"b\\\\c\\nd\", -2, 10]");
      assertThat(op("\u0001\uD83D", 1)).hasToString("TextOperation[\"\\u0001\\ud83d\", 1]");
      assertThat(op(EMOJI)).hasToString("TextOperation[\"" + EMOJI + "\"]");
    }

    @Test
    @DisplayName("is a no-op exactly when it only retains")
    void knowsWhenItIsANoop() {
      assertThat(op().isNoop()).isTrue();
      assertThat(op(12).isNoop()).isTrue();
      assertThat(TextOperation.builder().retain(12).insert("").build().isNoop()).isTrue();
      assertThat(op(12, "x").isNoop()).isFalse();
      assertThat(op(-1).isNoop()).isFalse();
      assertThat(op("x", -1).isNoop()).isFalse();
    }

    @Test
    @DisplayName("is built by a builder that skips empty components and refuses negative ones")
    void buildsNormalisedOperations() {
      TextOperation.Builder builder = TextOperation.builder().retain(0).insert("").delete(0);

      assertThat(builder.build()).isEqualTo(op());
      assertThatThrownBy(() -> builder.retain(-1)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("negative");
      assertThatThrownBy(() -> builder.delete(-1)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> builder.insert(null)).isInstanceOf(NullPointerException.class);
      assertThat(builder.retain(2).insert("a").build()).isEqualTo(op(2, "a"));
    }
  }

  @Nested
  @DisplayName("applied to a document")
  class Applying {
    @Test
    @DisplayName("keeps, inserts and deletes text in order")
    void applies() {
      assertThat(op(7, "big ", 5, -5, "meeting").apply("Weekly sync notes")).isEqualTo("Weekly big sync meeting");
    }

    @Test
    @DisplayName("fills an empty document")
    void insertsIntoEmptyDocument() {
      assertThat(op("Minutes").apply("")).isEqualTo("Minutes");
      assertThat(op().apply("")).isEmpty();
    }

    @Test
    @DisplayName("can delete the whole document")
    void deletesEverything() {
      assertThat(op(-7).apply("Minutes")).isEmpty();
      assertThat(op("Notes", -7).apply("Minutes")).isEqualTo("Notes");
    }

    @Test
    @DisplayName("refuses a document of another length, which means another version of the text")
    void refusesWrongLength() {
      assertThatThrownBy(() -> op(3, "x").apply("abcd"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("document of 3 code units, this one has 4");
      assertThatThrownBy(() -> op(3).apply(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("counts a character outside the BMP as two code units, like JavaScript")
    void countsSurrogatePairsAsTwo() {
      String document = "a" + EMOJI + "b";

      assertThat(document).hasSize(4);
      assertThat(op(1, -2, 1).apply(document)).isEqualTo("ab");
      assertThat(op(3, "!", 1).apply(document)).isEqualTo("a" + EMOJI + "!b");
      assertThatThrownBy(() -> op(3).apply(document)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("may split a surrogate pair, exactly as a JavaScript client could")
    void maySplitSurrogatePairs() {
      assertThat(op(1, "x", 2).apply(EMOJI + "b")).isEqualTo("\uD83Dx\uDE00b");
    }
  }

  @Nested
  @DisplayName("composed with a following operation")
  class Composing {
    @Test
    @DisplayName("has the effect of both, one after the other")
    void composes() {
      TextOperation first = op(3, " sync", 4);
      TextOperation second = op(-3, "Team", 9);
      TextOperation both = first.compose(second);

      assertThat(both.apply("Day 1/2")).isEqualTo(second.apply(first.apply("Day 1/2"))).isEqualTo("Team sync 1/2");
      assertThat(both).isEqualTo(op("Team sync", -3, 4));
    }

    @Test
    @DisplayName("cancels text that the second operation deletes right after the first inserted it")
    void cancelsInsertThenDelete() {
      TextOperation both = op(2, "abc", 2).compose(op(2, -3, 2));

      assertThat(both).isEqualTo(op(4));
      assertThat(both.isNoop()).isTrue();
    }

    @Test
    @DisplayName("keeps the part of an insert that survives a partial delete")
    void keepsSurvivingPartOfInsert() {
      assertThat(op("hello").compose(op(1, -3, 1))).isEqualTo(op("ho"));
    }

    @Test
    @DisplayName("adds up deletes of the same region")
    void addsUpDeletes() {
      assertThat(op(-2, 3).compose(op(-1, 2))).isEqualTo(op(-3, 2));
    }

    @Test
    @DisplayName("empties and refills a document")
    void deletesEverythingThenInserts() {
      TextOperation both = op(-5).compose(op("new"));

      assertThat(both).isEqualTo(op("new", -5));
      assertThat(both.apply("hello")).isEqualTo("new");
    }

    @Test
    @DisplayName("refuses an operation made for another length")
    void refusesMismatchedLengths() {
      assertThatThrownBy(() -> op(3, "x").compose(op(3)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("produces 4 code units but the second applies to 3");
    }
  }

  @Nested
  @DisplayName("transformed against a concurrent operation")
  class Transforming {
    private void assertConverges(String document, TextOperation a, TextOperation b, String expected) {
      Pair pair = TextOperation.transform(a, b);

      assertThat(pair.bPrime().apply(a.apply(document))).isEqualTo(expected);
      assertThat(pair.aPrime().apply(b.apply(document))).isEqualTo(expected);
    }

    @Test
    @DisplayName("puts the first operation's insert first when both insert at the same position")
    void firstWinsTies() {
      assertConverges("ab", op(1, "S", 1), op(1, "C", 1), "aSCb");
      assertConverges("ab", op(1, "C", 1), op(1, "S", 1), "aCSb");
    }

    @Test
    @DisplayName("orders concurrent inserts into an empty document by the same rule")
    void insertsIntoEmptyDocument() {
      assertConverges("", op("server"), op("client"), "serverclient");
    }

    @Test
    @DisplayName("keeps inserts at different positions where their authors put them")
    void shiftsIndependentInserts() {
      assertConverges("abcd", op(1, "X", 3), op(3, "Y", 1), "aXbcYd");
    }

    @Test
    @DisplayName("deletes text once when both delete overlapping ranges")
    void mergesOverlappingDeletes() {
      assertConverges("0123456789", op(2, -4, 4), op(4, -4, 2), "0189");
      assertConverges("0123456789", op(2, -6, 2), op(4, -2, 4), "0189");
    }

    @Test
    @DisplayName("lets nothing remain when both delete the whole document")
    void bothDeleteEverything() {
      Pair pair = TextOperation.transform(op(-5), op(-5));

      assertThat(pair.aPrime()).isEqualTo(op());
      assertThat(pair.bPrime()).isEqualTo(op());
    }

    @Test
    @DisplayName("keeps an insert made inside text the other side deletes")
    void insertSurvivesConcurrentDelete() {
      assertConverges("abcdef", op(3, "X", 3), op(1, -4, 1), "aXf");
      assertConverges("abcdef", op(1, -4, 1), op(3, "X", 3), "aXf");
    }

    @Test
    @DisplayName("keeps an insert made at the start of text the other side deletes")
    void insertAtDeleteStartSurvives() {
      assertConverges("abc", op(-3), op("X", 3), "X");
      assertConverges("abc", op("X", 3), op(-3), "X");
    }

    @Test
    @DisplayName("counts an emoji as two code units on both sides")
    void transformsAroundSurrogatePairs() {
      assertConverges("a" + EMOJI + "b", op(1, -2, 1), op(3, "!", 1), "a!b");
    }

    @Test
    @DisplayName("leaves the other operation alone when one side is a no-op")
    void transformsAgainstNoop() {
      TextOperation edit = op(2, "x", -1, 3);
      Pair pair = TextOperation.transform(op(6), edit);

      assertThat(pair.bPrime()).isEqualTo(edit);
      assertThat(pair.aPrime()).isEqualTo(op(6));
    }

    @Test
    @DisplayName("can order tied inserts differently once composing has moved an insert across deleted text")
    void composingCanChangeTies() {
      // a1 appends Z, a2 then deletes "ab"; b concurrently prepends Y. Step by step Z was behind "ab" and so
      // behind Y, but the normal form of a1 then a2 is ["Z", -2], where Z and Y tie at 0 and a wins. The same
      // composed operation also results from inserting Z at 0 and then deleting "ab", where a must win, so no
      // transform can tell the cases apart: history must be transformed against one operation at a time.
      TextOperation a1 = op(2, "Z");
      TextOperation a2 = op(-2, 1);
      TextOperation b = op("Y", 2);
      Pair first = TextOperation.transform(a1, b);
      Pair second = TextOperation.transform(a2, first.bPrime());
      Pair composed = TextOperation.transform(a1.compose(a2), b);

      assertThat(a1.compose(a2)).isEqualTo(op("Z", -2)).isEqualTo(op("Z", 2).compose(op(1, -2)));
      assertThat(second.bPrime().apply(a2.apply(a1.apply("ab")))).isEqualTo("YZ");
      assertThat(first.aPrime().compose(second.aPrime()).apply(b.apply("ab"))).isEqualTo("YZ");
      assertThat(composed.bPrime().apply(a1.compose(a2).apply("ab"))).isEqualTo("ZY");
    }

    @Test
    @DisplayName("refuses operations made against documents of different lengths")
    void refusesDifferentBases() {
      assertThatThrownBy(() -> TextOperation.transform(op(3), op(4)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("3 and 4 code units");
    }
  }

  @Nested
  @DisplayName("moving a cursor")
  class MovingCursors {
    @Test
    @DisplayName("shifts it by text inserted before it, or exactly at it")
    void shiftsForInserts() {
      TextOperation operation = op(2, "xyz", 3);

      assertThat(operation.transformIndex(1)).isEqualTo(1);
      assertThat(operation.transformIndex(2)).isEqualTo(5);
      assertThat(operation.transformIndex(4)).isEqualTo(7);
    }

    @Test
    @DisplayName("pulls it back by text deleted before it and collapses it onto a delete that spans it")
    void collapsesForDeletes() {
      TextOperation operation = op(2, -3, 2);

      assertThat(operation.transformIndex(2)).isEqualTo(2);
      assertThat(operation.transformIndex(3)).isEqualTo(2);
      assertThat(operation.transformIndex(5)).isEqualTo(2);
      assertThat(operation.transformIndex(6)).isEqualTo(3);
      assertThat(operation.transformIndex(7)).isEqualTo(4);
    }

    @Test
    @DisplayName("puts it after a replacement that spans it")
    void followsReplacement() {
      assertThat(op(1, "new", -3, 1).transformIndex(2)).isEqualTo(4);
    }

    @Test
    @DisplayName("follows the end of the document")
    void followsDocumentEnd() {
      assertThat(op(3, "tail").transformIndex(3)).isEqualTo(7);
      assertThat(op(-3).transformIndex(3)).isZero();
      assertThat(op().transformIndex(0)).isZero();
    }

    @Test
    @DisplayName("refuses a position outside the document")
    void refusesOutOfRange() {
      assertThatThrownBy(() -> op(3).transformIndex(4)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("index 4");
      assertThatThrownBy(() -> op(3).transformIndex(-1)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  @DisplayName("checked against random documents and edits")
  class Randomised {
    private static final String SEED_PROPERTY = "roundtable.ot.seed";
    private static final String[] PIECES = {
      "a", "b", "c", "x", " ", " ", "\n", "\u00e9", "\u00df", "\u0436", "\u4e2d", "e\u0301", EMOJI,
      "\uD83D\uDC4D\uD83C\uDFFD", "\uD83C\uDDE9\uD83C\uDDEA", "\u200d"
    };

    private final long seed = seed();

    private long seed() {
      String override = System.getProperty(SEED_PROPERTY);
      long chosen = override == null || override.isBlank() ? ThreadLocalRandom.current().nextLong()
          : Long.parseLong(override.strip());
      System.out.println("TextOperationTest random seed " + chosen + " (rerun with -D" + SEED_PROPERTY + "="
          + chosen + ")");
      return chosen;
    }

    @TestFactory
    @DisplayName("hold the algebraic properties of operational transformation")
    Stream<DynamicTest> properties() {
      return Stream.of(
          property("transformed operations converge whichever order a replica applies them in", 5_000,
              this::convergence),
          property("a composed operation does what its two parts do one after the other", 3_000,
              this::composition),
          property("an operation transformed through a sequence one step at a time converges with the sequence",
              2_000, this::stepwiseTransform),
          property("transforming a composed operation equals transforming its parts one by one when no tie can hide",
              2_000, this::composedTransform),
          property("the compact wire form reads back to an equal operation", 2_000, this::roundTrip),
          property("built operations are in normal form and do what their raw components say", 2_000,
              this::normalForm),
          property("a moved cursor stays in front of the character it was in front of", 2_000, this::cursor));
    }

    private interface Check {
      void run(Random random, Supplier<String> context);
    }

    private DynamicTest property(String name, int cases, Check check) {
      return dynamicTest(name + " (" + cases + " cases)", () -> {
        // Each property gets its own stream, so a failure reproduces without running the others.
        Random random = new Random(seed ^ name.hashCode());
        for (int i = 0; i < cases; i++) {
          int index = i;
          Supplier<String> context = () -> "seed " + seed + ", case " + index + " of \"" + name + "\"";
          try {
            check.run(random, context);
          } catch (RuntimeException e) {
            // A refused operation is a failure too, and must still say how to reproduce it.
            throw new AssertionError(context.get() + ": " + e, e);
          }
        }
      });
    }

    private void convergence(Random random, Supplier<String> context) {
      String document = document(random);
      TextOperation a = operation(random, document.length());
      TextOperation b = operation(random, document.length());
      Pair pair = TextOperation.transform(a, b);

      expectEqual(pair.bPrime().apply(a.apply(document)), pair.aPrime().apply(b.apply(document)),
          () -> context.get() + ": b' after a vs a' after b, document " + quoted(document) + ", a " + a + ", b " + b);
      expectNormalForm(pair.aPrime(), context);
      expectNormalForm(pair.bPrime(), context);
    }

    private void composition(Random random, Supplier<String> context) {
      String document = document(random);
      TextOperation a = operation(random, document.length());
      String middle = a.apply(document);
      TextOperation b = operation(random, middle.length());
      TextOperation both = a.compose(b);
      Supplier<String> description =
          () -> context.get() + ": document " + quoted(document) + ", a " + a + ", b " + b + ", composed " + both;

      expectEqual(both.apply(document), b.apply(middle), description);
      expectEqual(both.baseLength(), a.baseLength(), description);
      expectEqual(both.targetLength(), b.targetLength(), description);
      expectNormalForm(both, context);
    }

    private void stepwiseTransform(Random random, Supplier<String> context) {
      String document = document(random);
      TextOperation a1 = operation(random, document.length());
      TextOperation a2 = operation(random, a1.targetLength());
      TextOperation b = operation(random, document.length());
      Supplier<String> description = () -> context.get() + ": document " + quoted(document) + ", a1 " + a1
          + ", a2 " + a2 + ", b " + b;

      // What the server does with a client's operation made before a1 and a2 reached the client.
      Pair first = TextOperation.transform(a1, b);
      Pair second = TextOperation.transform(a2, first.bPrime());
      String serverText = second.bPrime().apply(a2.apply(a1.apply(document)));

      expectEqual(first.aPrime().compose(second.aPrime()).apply(b.apply(document)), serverText, description);
      TextOperation a = a1.compose(a2);
      Pair whole = TextOperation.transform(a, b);
      String wholeText = whole.bPrime().apply(a.apply(document));
      expectEqual(whole.aPrime().apply(b.apply(document)), wholeText, description);
      expectEqual(wholeText.length(), serverText.length(), description);
    }

    private void composedTransform(Random random, Supplier<String> context) {
      String document = document(random);
      // Composing can only change a tie when a deletes and b inserts (see composingCanChangeTies), so one of the
      // two is left out; everything else stays random.
      boolean aDeletes = random.nextBoolean();
      TextOperation a1 = operation(random, document.length(), true, aDeletes);
      TextOperation a2 = operation(random, a1.targetLength(), true, aDeletes);
      TextOperation b = operation(random, document.length(), !aDeletes, true);
      Supplier<String> description = () -> context.get() + ": document " + quoted(document) + ", a1 " + a1
          + ", a2 " + a2 + ", b " + b;

      Pair whole = TextOperation.transform(a1.compose(a2), b);
      Pair first = TextOperation.transform(a1, b);
      Pair second = TextOperation.transform(a2, first.bPrime());

      expectEqual(whole.bPrime(), second.bPrime(), description);
      expectEqual(whole.aPrime(), first.aPrime().compose(second.aPrime()), description);
    }

    private void roundTrip(Random random, Supplier<String> context) {
      TextOperation operation = operation(random, document(random).length());
      TextOperation read = TextOperation.of(operation.toComponents());
      Supplier<String> description = () -> context.get() + ": " + operation;

      expectEqual(read, operation, description);
      expectEqual(read.hashCode(), operation.hashCode(), description);
      expectEqual(read.toComponents(), operation.toComponents(), description);
      expectEqual(read.toString(), operation.toString(), description);
    }

    private void normalForm(Random random, Supplier<String> context) {
      String document = document(random);
      List<String> raw = new ArrayList<>();
      TextOperation.Builder builder = TextOperation.builder();
      StringBuilder expected = new StringBuilder();
      int position = 0;
      // Deliberately unnormalised: zero lengths, repeats and inserts after deletes.
      while (position < document.length() || random.nextInt(4) == 0) {
        int left = document.length() - position;
        int n = left == 0 ? 0 : random.nextInt(Math.min(left, 4) + 1);
        switch (random.nextInt(3)) {
          case 0 -> {
            builder.retain(n);
            raw.add("retain " + n);
            expected.append(document, position, position + n);
            position += n;
          }
          case 1 -> {
            String text = random.nextInt(5) == 0 ? "" : text(random);
            builder.insert(text);
            raw.add("insert " + quoted(text));
            expected.append(text);
          }
          default -> {
            builder.delete(n);
            raw.add("delete " + n);
            position += n;
          }
        }
      }
      TextOperation operation = builder.build();
      Supplier<String> description = () -> context.get() + ": document " + quoted(document) + ", raw " + raw
          + ", built " + operation;

      expectNormalForm(operation, context);
      expectEqual(operation.apply(document), expected.toString(), description);
      expectEqual(operation.isNoop(),
          operation.toComponents().stream().allMatch(c -> c instanceof Integer n && n > 0), description);
    }

    private void cursor(Random random, Supplier<String> context) {
      String document = document(random);
      TextOperation operation = operation(random, document.length());
      String result = operation.apply(document);
      boolean[] survives = survivors(operation);
      int previous = 0;
      for (int index = 0; index <= document.length(); index++) {
        int moved = operation.transformIndex(index);
        int at = index;
        Supplier<String> description = () -> context.get() + ": document " + quoted(document) + ", operation "
            + operation + ", index " + at;

        expect(previous <= moved && moved <= result.length(), description);
        if (index < document.length() && survives[index]) {
          expectEqual(result.charAt(moved), document.charAt(index), description);
        }
        previous = moved;
      }
      expectEqual(operation.transformIndex(document.length()), result.length(), context);
    }

    /** Which characters of the base document an operation keeps, read from its wire form. */
    private boolean[] survivors(TextOperation operation) {
      boolean[] survives = new boolean[operation.baseLength()];
      int position = 0;
      for (Object component : operation.toComponents()) {
        if (component instanceof Integer n) {
          if (n > 0) {
            Arrays.fill(survives, position, position + n, true);
          }
          position += Math.abs(n);
        }
      }
      return survives;
    }

    private void expectNormalForm(TextOperation operation, Supplier<String> context) {
      List<Object> components = operation.toComponents();
      for (int i = 0; i < components.size(); i++) {
        Object component = components.get(i);
        int index = i;
        Supplier<String> description = () -> context.get() + ": component " + index + " of " + operation;
        expect(component instanceof Integer || component instanceof String, description);
        int kind = kind(component);
        expect(kind != 0, () -> description.get() + " is empty");
        if (i > 0) {
          int before = kind(components.get(i - 1));
          expect(kind != before, () -> description.get() + " repeats the kind before it");
          expect(before != -1 || kind != 2, () -> description.get() + " is an insert after a delete");
        }
      }
    }

    /** 1 retain, 2 insert, -1 delete, 0 for anything that should not exist. */
    private int kind(Object component) {
      if (component instanceof String s) {
        return s.isEmpty() ? 0 : 2;
      }
      return Integer.signum((Integer) component);
    }

    // Plain checks first: building AssertJ assertions and messages for every case would dominate the run time.
    private void expect(boolean condition, Supplier<String> description) {
      if (!condition) {
        fail(description.get());
      }
    }

    private void expectEqual(Object actual, Object expected, Supplier<String> description) {
      if (!Objects.equals(actual, expected)) {
        assertThat(actual).as(description.get()).isEqualTo(expected);
      }
    }

    private String document(Random random) {
      if (random.nextInt(10) == 0) {
        return "";
      }
      StringBuilder out = new StringBuilder();
      int pieces = random.nextInt(30);
      for (int i = 0; i < pieces; i++) {
        out.append(PIECES[random.nextInt(PIECES.length)]);
      }
      return out.toString();
    }

    private String text(Random random) {
      StringBuilder out = new StringBuilder();
      int pieces = 1 + random.nextInt(4);
      for (int i = 0; i < pieces; i++) {
        out.append(PIECES[random.nextInt(PIECES.length)]);
      }
      return out.toString();
    }

    private TextOperation operation(Random random, int length) {
      return operation(random, length, true, true);
    }

    /** In the spirit of ot.js's randomOperation: walk the document, retaining, inserting and deleting. */
    private TextOperation operation(Random random, int length, boolean inserts, boolean deletes) {
      TextOperation.Builder builder = TextOperation.builder();
      if (random.nextInt(20) == 0) {
        return builder.retain(length).build();
      }
      int left = length;
      while (left > 0) {
        int n = 1 + random.nextInt(Math.min(left, 6));
        int choice = random.nextInt(10);
        if (choice < 4 || choice < 7 && !inserts || choice >= 7 && !deletes) {
          builder.retain(n);
          left -= n;
        } else if (choice < 7) {
          builder.insert(text(random));
        } else {
          builder.delete(n);
          left -= n;
        }
      }
      if (inserts && random.nextInt(3) == 0) {
        builder.insert(text(random));
      }
      return builder.build();
    }

    private String quoted(String text) {
      return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
  }
}
