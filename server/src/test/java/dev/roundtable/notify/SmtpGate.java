package dev.roundtable.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of an SMTP server (GreenMail). While {@link #parking} is on, each connection it
 * accepts is parked: nothing is relayed either way (no greeting, so the client waits and nothing reaches
 * the server) until the client goes away. Connections accepted once parking is off are relayed byte for byte.
 */
final class SmtpGate implements AutoCloseable {
  volatile boolean parking;
  private final ServerSocket listener;
  private final int target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Socket> parked = new CopyOnWriteArrayList<>();

  SmtpGate(int targetPort) throws IOException {
    this.target = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "smtp-gate");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Connections parked so far (open or since closed by their client). */
  int parkedCount() {
    return parked.size();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        sockets.add(client);
        if (parking) {
          parked.add(client);
          daemon(() -> drain(client));
        } else {
          Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
          sockets.add(server);
          daemon(() -> relay(client, server));
          daemon(() -> relay(server, client));
        }
      } catch (IOException e) {
        // closed, or one connection failed: the others go on
      }
    }
  }

  /** Reads and drops what a parked client sends, until it goes away. */
  private static void drain(Socket client) {
    try (InputStream in = client.getInputStream()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the client died
    } finally {
      closeQuietly(client);
    }
  }

  private static void relay(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException e) {
      // one side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "smtp-gate-io");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    sockets.forEach(SmtpGate::closeQuietly);
  }
}
