package dev.roundtable.room;

import java.security.SecureRandom;
import java.util.Base64;

/** Fresh room ids: 96 random bits, URL-safe, so an id cannot be guessed from another. */
public final class RoomIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RoomIds() {
  }

  public static String next() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
