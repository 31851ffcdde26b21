package dev.roundtable.protocol;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every event-bus address Roundtable uses, and the patterns the SockJS bridge lets browsers reach. Nothing
 * else names an address: a new one is added here, to docs/PROTOCOL.md, and (if clients may use it) to
 * {@link #INBOUND_PATTERN} or {@link #OUTBOUND_PATTERN}.
 */
public final class Addresses {
  private Addresses() {
  }

  /** Room ids are URL-safe, 8 to 32 characters; the server makes them 16 long. */
  public static final String ROOM_ID_REGEX = "[A-Za-z0-9_-]{8,32}";

  private static final String PREFIX = "rt.room.";
  private static final String COMMANDS_SUFFIX = ".cmd";
  private static final String EVENTS_SUFFIX = ".events";

  /** Clients {@code send} commands here (with a reply address); only the room's owner consumes it. */
  public static final String INBOUND_PATTERN = Pattern.quote(PREFIX) + ROOM_ID_REGEX + Pattern.quote(COMMANDS_SUFFIX);

  /** Clients {@code register} here to receive the room's events, published in sequence order. */
  public static final String OUTBOUND_PATTERN = Pattern.quote(PREFIX) + ROOM_ID_REGEX + Pattern.quote(EVENTS_SUFFIX);

  /**
   * Internal, never bridged: a room that has just been (re)loaded publishes its id here, and every node's
   * bridge announces the sockets it has subscribed to that room again, so presence survives a reload.
   */
  public static final String PRESENCE_RECOUNT = "rt.presence.recount";

  /**
   * Internal, never bridged: a node that stops owning a room publishes its id here, so every node forgets
   * where the room lived and the next command finds (or makes) its new owner.
   */
  public static final String ROOM_RETIRED = "rt.room-retired";

  /**
   * Internal, never bridged: a node that has just scheduled a job publishes its due time (epoch ms) here,
   * so that every node's job queue whose timer is set for later sets it for this time instead.
   */
  public static final String JOB_DUE = "rt.jobs.due";

  private static final String NODE_PREFIX = "rt.node.";

  /** Internal, never bridged: where another node asks this one to bring a room to life here. */
  public static String nodeRooms(String nodeId) {
    return NODE_PREFIX + nodeId + ".rooms";
  }

  private static final Pattern COMMANDS = Pattern.compile(INBOUND_PATTERN);
  private static final Pattern EVENTS = Pattern.compile(OUTBOUND_PATTERN);
  private static final Pattern ROOM_ID = Pattern.compile(ROOM_ID_REGEX);

  public static String commands(String roomId) {
    return PREFIX + roomId + COMMANDS_SUFFIX;
  }

  public static String events(String roomId) {
    return PREFIX + roomId + EVENTS_SUFFIX;
  }

  public static boolean isRoomId(String s) {
    return s != null && ROOM_ID.matcher(s).matches();
  }

  /** The room of a command address, if {@code address} is one. */
  public static Optional<String> roomOfCommands(String address) {
    return roomOf(COMMANDS, address, COMMANDS_SUFFIX);
  }

  /** The room of an events address, if {@code address} is one. */
  public static Optional<String> roomOfEvents(String address) {
    return roomOf(EVENTS, address, EVENTS_SUFFIX);
  }

  private static Optional<String> roomOf(Pattern pattern, String address, String suffix) {
    if (address == null) {
      return Optional.empty();
    }
    Matcher m = pattern.matcher(address);
    return m.matches()
        ? Optional.of(address.substring(PREFIX.length(), address.length() - suffix.length()))
        : Optional.empty();
  }
}
