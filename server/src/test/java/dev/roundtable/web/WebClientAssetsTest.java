package dev.roundtable.web;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("What the server gives the web client")
class WebClientAssetsTest {
  private TestServer server;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) {
    server = result(TestServer.start(vertx, TestServer.config(dataDir), new MutableClock()));
  }

  @AfterEach
  void stop() {
    result(server.stop());
  }

  @Test
  @DisplayName("serves the SockJS client from its WebJar and the start page from the web-client module")
  void servesAssets() {
    var sockJs = result(server.get("/webjars/sockjs-client/1.5.1/sockjs.min.js", null));
    assertThat(sockJs.statusCode()).isEqualTo(200);
    assertThat(sockJs.bodyAsString()).contains("SockJS");
    var index = result(server.get("/", null));
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.bodyAsString()).contains("Roundtable");
  }

  @Test
  @DisplayName("ships no client tests: the classpath webroot has no tests/ and the server answers 404 for them")
  void shipsNoClientTests() {
    ClassLoader loader = WebClientAssetsTest.class.getClassLoader();
    assertThat(loader.getResource("webroot/index.html")).as("the production webroot is on the classpath").isNotNull();
    assertThat(loader.getResource("webroot/tests")).as("webroot/tests on the classpath").isNull();
    assertThat(loader.getResource("webroot/tests/unit.html")).isNull();
    assertThat(result(server.get("/tests/unit.html", null)).statusCode()).isEqualTo(404);
    assertThat(result(server.get("/tests/live.html", null)).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("draws a room's join link as a QR code, and refuses unknown or malformed codes")
  void joinQrCode() {
    String code = result(server.createRoom()).getString("joinCode");
    var svg = result(server.get("/api/join/" + code.toLowerCase() + "/qr.svg", null));
    assertThat(svg.statusCode()).isEqualTo(200);
    assertThat(svg.getHeader("content-type")).isEqualTo("image/svg+xml");
    assertThat(svg.bodyAsString()).startsWith("<svg").contains("<path");

    assertThat(result(server.get("/api/join/ZZZZZZ/qr.svg", null)).statusCode()).isEqualTo(404);
    assertThat(result(server.get("/api/join/no!/qr.svg", null)).statusCode()).isEqualTo(400);
  }
}
