package dev.roundtable.notify.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for a webhook URL a coordinator enters: {@code https} only, a host, no user info, no fragment, at
 * most {@value #MAX_LENGTH} characters, and no address inside the network (loopback, private, link-local,
 * unique-local, unspecified, multicast, or names like {@code localhost}) unless the server was configured to
 * allow them (tests, a private deployment of the service). Names are checked here as written; the sender
 * checks the addresses a name resolves to again before each send ({@link #privateAddress(byte[])}).
 */
public final class WebhookUrls {
  public static final int MAX_LENGTH = 2_048;
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private WebhookUrls() {
  }

  /** Empty when {@code url} may be used, else what is wrong with it (English, without the URL itself). */
  public static Optional<String> problem(String url, boolean allowPrivate) {
    if (url == null || url.isBlank()) {
      return Optional.of("the webhook URL is missing");
    }
    if (url.length() > MAX_LENGTH) {
      return Optional.of("the webhook URL is longer than " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return Optional.of("the webhook URL is not a URL");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme()) && !(allowPrivate && "http".equalsIgnoreCase(uri.getScheme()))) {
      return Optional.of("the webhook URL must start with https://");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return Optional.of("the webhook URL has no host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      return Optional.of("the webhook URL must not hold a user name or a #fragment");
    }
    if (!allowPrivate && internalHost(host)) {
      return Optional.of("the webhook URL points inside the network (loopback, private or link-local address)");
    }
    return Optional.empty();
  }

  /** A name or address literal that only means something inside the network. */
  static boolean internalHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.equals("localhost") || h.endsWith(".localhost") || h.endsWith(".local") || h.endsWith(".internal")
        || h.endsWith(".lan") || h.endsWith(".home.arpa") || !h.contains(".") && !h.contains(":")) {
      return true;
    }
    byte[] address = literal(h);
    return address != null && privateAddress(address);
  }

  /** True for loopback, private (RFC 1918, CGNAT), link-local, unique-local, unspecified and multicast addresses. */
  public static boolean privateAddress(byte[] a) {
    if (a.length == 16) {
      boolean v4Mapped = true;
      for (int i = 0; i < 10; i++) {
        v4Mapped &= a[i] == 0;
      }
      v4Mapped &= (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
      if (v4Mapped) {
        return privateAddress(new byte[] {a[12], a[13], a[14], a[15]});
      }
      boolean zeroPrefix = true;
      for (int i = 0; i < 15; i++) {
        zeroPrefix &= a[i] == 0;
      }
      int first = a[0] & 0xff;
      return zeroPrefix // :: and ::1
          || (first & 0xfe) == 0xfc // fc00::/7 unique local
          || first == 0xfe && (a[1] & 0xc0) == 0x80 // fe80::/10 link local
          || first == 0xfe && (a[1] & 0xc0) == 0xc0 // fec0::/10 site local (deprecated)
          || first == 0xff; // multicast
    }
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    return b0 == 0 || b0 == 10 || b0 == 127
        || b0 == 100 && b1 >= 64 && b1 <= 127
        || b0 == 169 && b1 == 254
        || b0 == 172 && b1 >= 16 && b1 <= 31
        || b0 == 192 && b1 == 168
        || b0 == 192 && b1 == 0 && (a[2] & 0xff) == 0
        || b0 >= 224;
  }

  /** The bytes of an IPv4 or IPv6 literal, without any name lookup; null for a name. */
  static byte[] literal(String host) {
    if (IPV4.matcher(host).matches()) {
      String[] parts = host.split("\\.");
      byte[] out = new byte[4];
      for (int i = 0; i < 4; i++) {
        int v = Integer.parseInt(parts[i]);
        if (v > 255) {
          return null;
        }
        out[i] = (byte) v;
      }
      return out;
    }
    if (host.contains(":") && host.matches("[0-9a-f:.]+")) {
      try {
        // A literal with colons is parsed, never looked up.
        return java.net.InetAddress.getByName(host).getAddress();
      } catch (java.net.UnknownHostException e) {
        return null;
      }
    }
    return null;
  }
}
