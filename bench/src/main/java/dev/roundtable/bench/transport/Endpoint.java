package dev.roundtable.bench.transport;

/** Host and port of one server node. */
public record Endpoint(String host, int port) {

  /** Parses {@code host:port} or a bare port (then host is 127.0.0.1). */
  public static Endpoint parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      return new Endpoint("127.0.0.1", Integer.parseInt(text.trim()));
    }
    return new Endpoint(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1).trim()));
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
