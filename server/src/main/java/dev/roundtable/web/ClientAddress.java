package dev.roundtable.web;

import dev.roundtable.config.AddressRange;
import java.util.HexFormat;
import java.util.List;

/**
 * Who a request comes from, as a rate-limit key. The peer of the TCP connection, unless that peer is one of
 * the configured trusted proxies: then {@code X-Forwarded-For} is read from the right (each proxy appends the
 * address it saw), skipping trusted proxies, and the first address that is not one is the client. Without
 * trusted proxies (the default) the header is ignored, since anyone can send it.
 *
 * <p>An IPv6 client is keyed by its /64: one subscriber (one LAN, one phone) usually holds a whole /64 and
 * can pick any address in it at will.
 */
final class ClientAddress {
  private final List<AddressRange> trustedProxies;

  ClientAddress(List<AddressRange> trustedProxies) {
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  /** The rate-limit key of a request whose TCP peer is {@code peer}, with that {@code X-Forwarded-For}. */
  String key(String peer, String forwardedFor) {
    byte[] client = AddressRange.literal(peer);
    if (client == null) {
      return peer == null ? "unknown" : peer;  // a Unix socket or the like: one bucket per peer name
    }
    if (forwardedFor != null && trusted(client)) {
      String[] hops = forwardedFor.split(",");
      for (int i = hops.length - 1; i >= 0; i--) {
        byte[] hop = AddressRange.literal(hops[i].strip());
        if (hop == null) {
          break;  // not an address: no proxy we trust wrote it, so the last good hop is the client
        }
        client = hop;
        if (!trusted(hop)) {
          break;
        }
      }
    }
    return keyOf(client);
  }

  private boolean trusted(byte[] address) {
    return trustedProxies.stream().anyMatch(range -> range.contains(address));
  }

  private static String keyOf(byte[] address) {
    if (address.length == 4) {
      return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
    }
    return HexFormat.of().formatHex(address, 0, 8) + "::/64";
  }
}
