package dev.roundtable.web;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A raw WebSocket client on a plain blocking socket with a small receive buffer that reads nothing until told
 * to: what the server sends piles up on the server's side, as for a phone whose app hangs. It writes (a
 * register frame, a ping every 4 s so the bridge does not close it for silence) and, once {@link #readAll} is
 * called, reads every frame to the server's close. (Vert.x's own client buffers in memory when paused, so it
 * does not fall behind this way.)
 */
final class UnreadSocket implements AutoCloseable {
  /** What was read: the bodies of the {@code rec} frames, in order, and the close code (null if none came). */
  record Read(List<JsonObject> received, Integer closeCode) {
  }

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;
  private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();

  UnreadSocket(int port) {
    try {
      socket = new Socket();
      socket.setReceiveBufferSize(4096); // before connecting, so the window is small from the start
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      out = socket.getOutputStream();
      in = new DataInputStream(socket.getInputStream());
      byte[] key = new byte[16];
      ThreadLocalRandom.current().nextBytes(key);
      out.write(("GET /eventbus/websocket HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
          + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String head = readHead(in);
      if (!head.startsWith("HTTP/1.1 101")) {
        throw new IllegalStateException("no WebSocket upgrade: " + head);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pinger.scheduleAtFixedRate(() -> send(new JsonObject().put("type", "ping")), 4, 4, TimeUnit.SECONDS);
  }

  void register(String address, String token) {
    send(new JsonObject().put("type", "register").put("address", address)
        .put("headers", new JsonObject().put("token", token)));
  }

  /** Stops pinging and reads every frame until the server's close frame or the end of the stream. */
  Read readAll() {
    pinger.shutdownNow();
    List<JsonObject> received = new ArrayList<>();
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    try {
      socket.setSoTimeout(30_000);
      while (true) {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        int opcode = b0 & 0x0f;
        if (opcode == 8) {
          Integer code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : null;
          return new Read(received, code);
        }
        if (opcode == 0 || opcode == 1 || opcode == 2) { // the raw endpoint sends binary messages
          message.write(payload);
          if ((b0 & 0x80) != 0) {
            JsonObject frame = new JsonObject(message.toString(StandardCharsets.UTF_8));
            message.reset();
            if ("rec".equals(frame.getString("type"))) {
              received.add(frame.getJsonObject("body"));
            }
          }
        }
      }
    } catch (EOFException e) {
      return new Read(received, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized void send(JsonObject frame) {
    byte[] payload = frame.encode().getBytes(StandardCharsets.UTF_8);
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      bytes.write(0x81);
      if (payload.length < 126) {
        bytes.write(0x80 | payload.length);
      } else {
        bytes.write(0x80 | 126);
        bytes.write(payload.length >> 8);
        bytes.write(payload.length & 0xff);
      }
      bytes.write(mask);
      for (int i = 0; i < payload.length; i++) {
        bytes.write(payload[i] ^ mask[i % 4]);
      }
      out.write(bytes.toByteArray());
      out.flush();
    } catch (IOException e) {
      // the server closed the socket; readAll tells what it said
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("closed during the handshake: " + head);
      }
      head.append((char) c);
    }
    return head.toString();
  }

  @Override
  public void close() {
    pinger.shutdownNow();
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
