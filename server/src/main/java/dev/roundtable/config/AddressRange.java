package dev.roundtable.config;

import io.netty.util.NetUtil;
import java.util.Arrays;
import java.util.Optional;

/**
 * An IP address or a CIDR range ({@code 10.0.0.5}, {@code 172.18.0.0/16}, {@code fd00::/8}), as listed in
 * {@code trustedProxies}. Addresses are compared as bytes: 4 for IPv4 (an IPv4-mapped IPv6 address counts
 * as the IPv4 address it carries), 16 for IPv6. Only literals are read, never names: a name would need a
 * DNS lookup, which must not happen on an event loop nor depend on what a client sends.
 */
public record AddressRange(byte[] network, int bits) {

  /** The range {@code text} names, or empty if it is not an address or {@code address/prefix-length}. */
  public static Optional<AddressRange> parse(String text) {
    String s = text.strip();
    int slash = s.indexOf('/');
    byte[] network = literal(slash < 0 ? s : s.substring(0, slash));
    if (network == null) {
      return Optional.empty();
    }
    int bits = network.length * 8;
    if (slash >= 0) {
      String length = s.substring(slash + 1);
      if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bits) {
        return Optional.empty();
      }
      bits = Integer.parseInt(length);
    }
    return Optional.of(new AddressRange(network, bits));
  }

  /**
   * The bytes of the address {@code text} (bare, or in brackets, with or without a {@code %scope}), or null
   * if it is not an IP address literal.
   */
  public static byte[] literal(String text) {
    if (text == null || text.isEmpty() || text.length() > 64) {
      return null;
    }
    String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    int scope = bare.indexOf('%');
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(scope < 0 ? bare : bare.substring(0, scope));
    if (bytes != null && bytes.length == 16 && isIpv4Mapped(bytes)) {
      return Arrays.copyOfRange(bytes, 12, 16);
    }
    return bytes;
  }

  public boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >>> (i % 8);
      if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }
}
