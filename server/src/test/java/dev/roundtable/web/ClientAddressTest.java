package dev.roundtable.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.config.AddressRange;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The client address a request is limited by")
class ClientAddressTest {
  private static ClientAddress trusting(String... proxies) {
    return new ClientAddress(Stream.of(proxies).map(p -> AddressRange.parse(p).orElseThrow()).toList());
  }

  @Test
  @DisplayName("is the TCP peer, and X-Forwarded-For is ignored when no proxy is trusted")
  void peerByDefault() {
    ClientAddress clients = new ClientAddress(List.of());
    assertThat(clients.key("203.0.113.7", null)).isEqualTo("203.0.113.7");
    assertThat(clients.key("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
  }

  @Test
  @DisplayName("is the last address a trusted proxy appended, not one the client wrote before it")
  void rightmostUntrusted() {
    ClientAddress clients = trusting("172.30.0.10");
    assertThat(clients.key("172.30.0.10", "198.51.100.1")).isEqualTo("198.51.100.1");
    assertThat(clients.key("172.30.0.10", "1.2.3.4, 198.51.100.1")).isEqualTo("198.51.100.1");
    assertThat(clients.key("172.30.0.10", "1.2.3.4, not-an-address, 198.51.100.1")).isEqualTo("198.51.100.1");
    assertThat(clients.key("172.30.0.10", "1.2.3.4,198.51.100.1 , garbage")).isEqualTo("172.30.0.10");
    assertThat(clients.key("172.30.0.10", null)).isEqualTo("172.30.0.10");
  }

  @Test
  @DisplayName("skips a chain of trusted proxies given as CIDR ranges")
  void chainOfProxies() {
    ClientAddress clients = trusting("10.0.0.0/8", "fd00::/8");
    assertThat(clients.key("10.1.2.3", "198.51.100.1, 10.9.9.9, fd00::5")).isEqualTo("198.51.100.1");
    assertThat(clients.key("10.1.2.3", "10.2.2.2")).as("only proxies: the farthest one").isEqualTo("10.2.2.2");
  }

  @Test
  @DisplayName("is not taken from X-Forwarded-For of a peer that is not a trusted proxy")
  void untrustedPeer() {
    assertThat(trusting("10.0.0.0/8").key("203.0.113.7", "10.0.0.1, 198.51.100.1")).isEqualTo("203.0.113.7");
  }

  @Test
  @DisplayName("groups an IPv6 client by its /64 and reads an IPv4-mapped address as IPv4")
  void ipv6() {
    ClientAddress clients = new ClientAddress(List.of());
    String a = clients.key("2001:db8:1:2:aaaa::1", null);
    assertThat(clients.key("2001:db8:1:2:ffff:1234:5678:9abc", null)).isEqualTo(a);
    assertThat(clients.key("2001:db8:1:3::1", null)).isNotEqualTo(a);
    assertThat(clients.key("[2001:db8:1:2::9]", null)).isEqualTo(a);
    assertThat(clients.key("::ffff:203.0.113.7", null)).isEqualTo("203.0.113.7");
  }

  @Test
  @DisplayName("reads only address literals as trusted proxies, never names")
  void rangesAreLiterals() {
    assertThat(AddressRange.parse("172.30.0.0/16")).isPresent();
    assertThat(AddressRange.parse("::1")).isPresent();
    assertThat(AddressRange.parse("localhost")).isEmpty();
    assertThat(AddressRange.parse("10.0.0.0/33")).isEmpty();
    assertThat(AddressRange.parse("10.0.0.0/-1")).isEmpty();
    assertThat(AddressRange.parse("fd00::/129")).isEmpty();
  }
}
