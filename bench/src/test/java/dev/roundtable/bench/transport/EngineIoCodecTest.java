package dev.roundtable.bench.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roundtable.bench.transport.EngineIoCodec.EioType;
import dev.roundtable.bench.transport.EngineIoCodec.Packet;
import dev.roundtable.bench.transport.EngineIoCodec.SioType;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Engine.IO v4 / Socket.IO v4 packets")
class EngineIoCodecTest {

  @Test
  @DisplayName("the open packet carries the handshake")
  void open() {
    Packet p = EngineIoCodec.parse("0{\"sid\":\"abc\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000}");
    assertThat(p.eio()).isEqualTo(EioType.OPEN);
    assertThat(p.json().getString("sid")).isEqualTo("abc");
    assertThat(p.json().getInteger("pingInterval")).isEqualTo(25000);
  }

  @Test
  @DisplayName("ping and pong are single characters")
  void pingPong() {
    assertThat(EngineIoCodec.parse("2").eio()).isEqualTo(EioType.PING);
    assertThat(EngineIoCodec.parse("3").eio()).isEqualTo(EioType.PONG);
    assertThat(EngineIoCodec.PONG).isEqualTo("3");
  }

  @Test
  @DisplayName("the namespace connect answer carries the socket id")
  void connect() {
    Packet p = EngineIoCodec.parse("40{\"sid\":\"xyz\"}");
    assertThat(p.eio()).isEqualTo(EioType.MESSAGE);
    assertThat(p.sio()).isEqualTo(SioType.CONNECT);
    assertThat(p.json().getString("sid")).isEqualTo("xyz");
    assertThat(EngineIoCodec.CONNECT).isEqualTo("40");
  }

  @Test
  @DisplayName("an event gives its name and first argument, with or without an ack id or namespace")
  void event() {
    Packet p = EngineIoCodec.parse("42[\"msg\",{\"r\":\"room-1\",\"q\":7}]");
    assertThat(p.sio()).isEqualTo(SioType.EVENT);
    assertThat(p.event()).isEqualTo("msg");
    assertThat(((JsonObject) p.data()).getInteger("q")).isEqualTo(7);
    assertThat(EngineIoCodec.parse("4212[\"joined\",\"room-1\"]").data()).isEqualTo("room-1");
    assertThat(EngineIoCodec.parse("42/admin,3[\"joined\",\"r\"]").event()).isEqualTo("joined");
  }

  @Test
  @DisplayName("encoding an event and parsing it back gives the same event")
  void roundTrip() {
    String raw = EngineIoCodec.event("msg", new JsonObject().put("s", 3).put("p", "x\"y"));
    assertThat(raw).startsWith("42[\"msg\",");
    Packet p = EngineIoCodec.parse(raw);
    assertThat(p.event()).isEqualTo("msg");
    assertThat(((JsonObject) p.data()).getString("p")).isEqualTo("x\"y");
  }

  @Test
  @DisplayName("malformed packets are refused")
  void malformed() {
    assertThatThrownBy(() -> EngineIoCodec.parse("9")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EngineIoCodec.parse("4")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EngineIoCodec.parse("42[1]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EngineIoCodec.parse("42[\"x\"")).isInstanceOf(IllegalArgumentException.class);
  }
}
