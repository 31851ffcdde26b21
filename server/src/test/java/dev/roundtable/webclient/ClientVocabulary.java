package dev.roundtable.webclient;

import dev.roundtable.domain.ActionStatus;
import dev.roundtable.domain.BoardTemplate;
import dev.roundtable.domain.Choice;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.ItemKind;
import dev.roundtable.domain.ItemStatus;
import dev.roundtable.domain.MeetingStatus;
import dev.roundtable.domain.NoteColour;
import dev.roundtable.domain.PassRule;
import dev.roundtable.domain.Role;
import dev.roundtable.protocol.Codec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes the web client's {@code js/model/vocabulary.js} from the server's own enums and command names, spelled
 * as {@link Codec} puts them on the wire, so the client never types a server value a second time.
 * {@link ClientVocabularyTest} fails when the checked-in file differs from what this renders now; run
 * {@link #main} (or that test with {@code -Dvocabulary.write=true}) to rewrite it.
 */
public final class ClientVocabulary {
  public static final Path FILE = ClientSources.MAIN_WEBROOT.resolve(Path.of("js", "model", "vocabulary.js"));
  static final String REGENERATE = "./mvnw -B -o test -pl server -am -Dtest=ClientVocabularyTest "
      + "-Dsurefire.failIfNoSpecifiedTests=false -Dvocabulary.write=true";

  private ClientVocabulary() {
  }

  /** The file's text as the server's enums spell it today. */
  public static String render() {
    StringBuilder out = new StringBuilder()
        .append("// The server's vocabulary as it is spelled on the wire. GENERATED from the server's enums by\n")
        .append("// server/src/test/java/dev/roundtable/webclient/ClientVocabulary.java: do not edit; regenerate with\n")
        .append("//   ").append(REGENERATE).append("\n")
        .append("// Orders are the server's declaration orders.\n\n");
    constant(out, "Lanes of each board template (a free board has none).", "BOARD_LANES",
        object(BoardTemplate.values(), t -> list(t.lanes())));
    constant(out, "Kinds of agenda item.", "ITEM_KINDS", values(ItemKind.values()));
    constant(out, "The timebox an item of each kind gets when none is given, in seconds.", "DEFAULT_TIMEBOX_SECONDS",
        object(ItemKind.values(), k -> String.valueOf(k.defaultTimeboxSeconds())));
    constant(out, "Statuses of an agenda item.", "ITEM_STATUSES", values(ItemStatus.values()));
    constant(out, "Statuses of the meeting.", "MEETING_STATUSES", values(MeetingStatus.values()));
    constant(out, "Roles of a participant (a screen is read-only).", "ROLES", values(Role.values()));
    constant(out, "Choices of a vote.", "CHOICES", values(Choice.values()));
    constant(out, "Rules a motion passes by.", "PASS_RULES", values(PassRule.values()));
    constant(out, "Statuses of an action item.", "ACTION_STATUSES", values(ActionStatus.values()));
    constant(out, "Colours of a note.", "NOTE_COLOURS", values(NoteColour.values()));
    constant(out, "Every command type the server reads (Tick, Connect and a few more only the server itself sends).", "COMMAND_TYPES",
        list(Codec.commandTypes().stream().sorted().toList()));
    constant(out, "Every error code the server answers with (the code of {code, message}); each has a text in every catalogue.",
        "ERROR_CODES", list(Arrays.stream(ErrorCode.values()).map(Enum::name).toList()));
    return out.toString();
  }

  public static void main(String[] args) throws IOException {
    Files.writeString(FILE, render(), StandardCharsets.UTF_8);
    System.out.println("wrote " + FILE);
  }

  private static void constant(StringBuilder out, String doc, String name, String value) {
    out.append("/** ").append(doc).append(" */\n")
        .append("export const ").append(name).append(" = ").append(value).append(";\n\n");
  }

  private static String wire(Enum<?> value) {
    String json = Codec.encode(value);
    return "'" + json.substring(1, json.length() - 1) + "'";
  }

  private static String values(Enum<?>[] values) {
    return "Object.freeze([" + Arrays.stream(values).map(ClientVocabulary::wire).collect(Collectors.joining(", ")) + "])";
  }

  private static String list(List<String> strings) {
    return "Object.freeze([" + strings.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ")) + "])";
  }

  private static <E extends Enum<E>> String object(E[] keys, Function<E, String> value) {
    return Arrays.stream(keys).map(k -> "  " + wire(k).replace("'", "") + ": " + value.apply(k) + ",\n")
        .collect(Collectors.joining("", "Object.freeze({\n", "})"));
  }
}
