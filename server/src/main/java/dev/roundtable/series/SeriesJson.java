package dev.roundtable.series;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.roundtable.series.core.Series;
import java.io.UncheckedIOException;

/**
 * A series' state as stored JSON: the core's records field by field (Jackson reads records through their
 * canonical constructors, so the core's invariants hold for what is loaded). Unknown fields are ignored, so
 * an older node reads a newer document.
 */
final class SeriesJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private SeriesJson() {
  }

  static String write(Series series) {
    try {
      return MAPPER.writeValueAsString(series);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Series read(String json) {
    try {
      return MAPPER.readValue(json, Series.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
