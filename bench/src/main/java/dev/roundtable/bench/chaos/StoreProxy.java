package dev.roundtable.bench.chaos;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between the nodes and their store, so that the chaos run can take the store away (stop
 * listening and cut every connection, as a store host that dies or a network that partitions) and bring it
 * back on the same port without touching either side.
 */
final class StoreProxy {
  private final Vertx vertx;
  private final int port;
  private final int storePort;
  private final NetClient client;
  private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
  private NetServer server;

  StoreProxy(Vertx vertx, int port, int storePort) {
    this.vertx = vertx;
    this.port = port;
    this.storePort = storePort;
    this.client = vertx.createNetClient();
  }

  int port() {
    return port;
  }

  Future<Void> comeBack() {
    server = vertx.createNetServer().connectHandler(this::relay);
    return server.listen(port, "127.0.0.1").mapEmpty();
  }

  Future<Void> goAway() {
    NetServer s = server;
    server = null;
    return s.close().onComplete(ar -> open.forEach(NetSocket::close));
  }

  private void relay(NetSocket in) {
    in.pause();
    open.add(in);
    in.closeHandler(v -> open.remove(in));
    client.connect(storePort, "127.0.0.1").onSuccess(out -> {
      open.add(out);
      out.closeHandler(v -> {
        open.remove(out);
        in.close();
      });
      in.closeHandler(v -> {
        open.remove(in);
        out.close();
      });
      in.pipeTo(out);
      out.pipeTo(in);
    }).onFailure(e -> in.close());
  }
}
