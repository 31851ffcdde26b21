package dev.roundtable.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roundtable.domain.Language;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The minutes catalogues")
class CatalogueTest {

  @Test
  @DisplayName("have the same keys in every language")
  void sameKeys() {
    var english = Catalogue.of(Language.EN).keys();

    assertThat(english).isNotEmpty();
    for (Language language : Language.values()) {
      assertThat(Catalogue.of(language).keys()).as(language.tag()).isEqualTo(english);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Language.class)
  @DisplayName("leave no text blank, and keep every placeholder of the English text:")
  void completeTexts(Language language) {
    Catalogue c = Catalogue.of(language);
    Catalogue english = Catalogue.of(Language.EN);
    for (String key : english.keys()) {
      String raw = c.textOr(key, null);
      assertThat(raw).as("%s in %s", key, language.tag()).isNotBlank();
      for (int i = 0; i < 4; i++) {
        assertThat(raw.contains("{" + i + "}")).as("{%s} of %s in %s", i, key, language.tag())
            .isEqualTo(english.textOr(key, "").contains("{" + i + "}"));
      }
    }
  }

  @Test
  @DisplayName("write times on the 24-hour clock in both languages")
  void twentyFourHours() {
    ZonedDateTime evening = ZonedDateTime.of(2023, 11, 14, 22, 14, 0, 0, ZoneOffset.UTC);

    assertThat(Catalogue.of(Language.EN).dateTime().format(evening)).isEqualTo("Tuesday 14 November 2023, 22:14");
    assertThat(Catalogue.of(Language.ZH_CN).dateTime().format(evening)).isEqualTo("2023年11月14日 星期二 22:14");
  }

  @Test
  @DisplayName("fail loudly on a key they do not have, rather than printing it")
  void missingKey() {
    assertThatThrownBy(() -> Catalogue.of(Language.EN).text("no.such.key")).isInstanceOf(IllegalStateException.class);
  }
}
