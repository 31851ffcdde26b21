package dev.roundtable.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The web client's vocabulary")
class ClientVocabularyTest {

  @Test
  @DisplayName("is exactly what the server's enums generate (regenerate it rather than edit it)")
  void matchesTheServer() throws IOException {
    String expected = ClientVocabulary.render();
    if (Boolean.getBoolean("vocabulary.write")) {
      Files.writeString(ClientVocabulary.FILE, expected, StandardCharsets.UTF_8);
    }
    String actual = Files.exists(ClientVocabulary.FILE)
        ? Files.readString(ClientVocabulary.FILE, StandardCharsets.UTF_8) : "";
    assertThat(actual)
        .as("%s is out of date with the server's enums; regenerate it with:%n  %s", ClientVocabulary.FILE,
            ClientVocabulary.REGENERATE)
        .isEqualTo(expected);
  }
}
