package dev.roundtable.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How the bridge reads what a client sends: strict UTF-8 and strict JSON (RFC 8259), nothing more. Vert.x's
 * own JSON parsing ({@code new JsonObject(text)}) lets comments through, and a plain {@code Buffer.toString()}
 * turns broken UTF-8 into replacement characters; either would make the server act on something other than
 * what was sent. So: no comments, no single quotes, unquoted names, NaN or leading zeros (Jackson's strict
 * defaults), no second value after the first, no key given twice.
 */
final class ClientJson {
  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private ClientJson() {
  }

  /** The JSON value {@code text} holds (maps, lists, strings, numbers, booleans, null); null if it is not JSON. */
  static Object value(String text) {
    try {
      return STRICT.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** The JSON object {@code text} holds, or null if it is not one JSON object. */
  @SuppressWarnings("unchecked")
  static JsonObject object(String text) {
    return value(text) instanceof Map<?, ?> map ? new JsonObject((Map<String, Object>) map) : null;
  }

  /** {@code bytes} decoded as UTF-8, or null if they are not valid UTF-8 (RFC 3629: no overlong forms, no surrogates). */
  static String utf8(Buffer bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.getBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
