package dev.roundtable.bench.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roundtable.bench.transport.SockJsCodec.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SockJS framing")
class SockJsCodecTest {

  @Test
  @DisplayName("open and heartbeat frames carry no messages")
  void openAndHeartbeat() {
    assertThat(SockJsCodec.parse("o").kind()).isEqualTo(Kind.OPEN);
    assertThat(SockJsCodec.parse("h").kind()).isEqualTo(Kind.HEARTBEAT);
    assertThat(SockJsCodec.parse("h").messages()).isEmpty();
  }

  @Test
  @DisplayName("an array frame may carry several messages, each a JSON string")
  void severalMessages() {
    String raw = "a[\"{\\\"type\\\":\\\"rec\\\",\\\"address\\\":\\\"r1\\\"}\",\"{\\\"seq\\\":5}\",\"third\"]";
    SockJsCodec.Frame frame = SockJsCodec.parse(raw);
    assertThat(frame.kind()).isEqualTo(Kind.MESSAGES);
    assertThat(frame.messages()).containsExactly("{\"type\":\"rec\",\"address\":\"r1\"}", "{\"seq\":5}", "third");
  }

  @Test
  @DisplayName("a close frame gives its code and reason")
  void close() {
    SockJsCodec.Frame frame = SockJsCodec.parse("c[3000,\"Go away!\"]");
    assertThat(frame.kind()).isEqualTo(Kind.CLOSE);
    assertThat(frame.closeCode()).isEqualTo(3000);
    assertThat(frame.closeReason()).isEqualTo("Go away!");
  }

  @Test
  @DisplayName("client frames are a JSON array of JSON strings, escaped once")
  void encode() {
    assertThat(SockJsCodec.encode("{\"type\":\"ping\"}")).isEqualTo("[\"{\\\"type\\\":\\\"ping\\\"}\"]");
    String encoded = SockJsCodec.encode("{\"a\":\"x\\\"y\"}");
    assertThat(SockJsCodec.parse("a" + encoded).messages()).containsExactly("{\"a\":\"x\\\"y\"}");
  }

  @Test
  @DisplayName("anything SockJS does not send is refused")
  void malformed() {
    assertThatThrownBy(() -> SockJsCodec.parse("x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SockJsCodec.parse("a[1]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SockJsCodec.parse("a[\"unterminated")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SockJsCodec.parse("")).isInstanceOf(IllegalArgumentException.class);
  }
}
