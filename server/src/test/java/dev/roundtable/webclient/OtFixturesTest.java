package dev.roundtable.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The web client's OT fixtures")
class OtFixturesTest {

  @Test
  @DisplayName("are exactly what the server's TextOperation computes (regenerate them rather than edit them)")
  void matchTheServer() throws IOException {
    String expected = OtFixtures.render();
    if (Boolean.getBoolean("fixtures.write")) {
      Files.writeString(OtFixtures.FILE, expected, StandardCharsets.UTF_8);
    }
    String actual = Files.exists(OtFixtures.FILE) ? Files.readString(OtFixtures.FILE, StandardCharsets.UTF_8) : "";
    assertThat(actual)
        .as("%s is out of date with the server's TextOperation; regenerate it with:%n  %s", OtFixtures.FILE,
            OtFixtures.REGENERATE)
        .isEqualTo(expected);
  }
}
