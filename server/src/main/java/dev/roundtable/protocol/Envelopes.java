package dev.roundtable.protocol;

import dev.roundtable.domain.Event;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The message a room publishes for each accepted command, and how each recipient's copy is cut from it.
 *
 * <p>A room publishes once: {@code {seq, at, events, views?}}. {@code events} is the public view, the one
 * every subscriber may receive. {@code views} maps the few participants who must see more (an author of a
 * private note, a voter, the sender, who alone learns its {@code clientId}/{@code clientSeq}) to their own
 * {@code events} list. The bridge cuts each subscriber's copy with {@link #forViewer} before it leaves the
 * server, so {@code views} never reaches a client. An envelope whose public view is empty still travels:
 * it keeps every client's sequence numbers gap-free. No envelope names the sender, which would give away
 * the author of an anonymous note.
 */
public final class Envelopes {
  private Envelopes() {
  }

  static final String VIEWS = "views";

  /** {@code eventsJson} is {@code events} as stored; it is reused as the public view when nothing is redacted. */
  public static JsonObject publish(long seq, long at, String actor, String clientId, Long clientSeq,
      List<Event> events, JsonArray eventsJson) {
    JsonObject envelope = new JsonObject().put("seq", seq).put("at", at)
        .put("events", view(events, null, eventsJson));
    Set<String> privileged = new LinkedHashSet<>();
    events.forEach(e -> privileged.addAll(e.privileged()));
    if (clientId != null && actor != null) {
      privileged.add(actor);
    }
    if (privileged.isEmpty()) {
      return envelope;
    }
    JsonObject views = new JsonObject();
    for (String viewer : privileged) {
      JsonObject own = new JsonObject().put("events", view(events, viewer, eventsJson));
      if (viewer.equals(actor) && clientId != null) {
        own.put("clientId", clientId).put("clientSeq", clientSeq);
      }
      views.put(viewer, own);
    }
    return envelope.put(VIEWS, views);
  }

  /** The copy of a published envelope that {@code viewerId} receives; {@code null} gets the public one. */
  public static JsonObject forViewer(JsonObject published, String viewerId) {
    JsonObject views = published.getJsonObject(VIEWS);
    if (views == null) {
      return published;
    }
    JsonObject copy = published.copy();
    copy.remove(VIEWS);
    JsonObject own = viewerId == null ? null : views.getJsonObject(viewerId);
    return own == null ? copy : copy.mergeIn(own);
  }

  /** Field of a wire envelope holding the public copy, already encoded. */
  public static final String PUBLIC = "public";

  /**
   * What a room puts on the event bus: every copy a subscriber can get, each encoded once, here, by the
   * room: {@code {"public": "<json>", "views": {"<participantId>": "<json>"}}}. Each node's bridge then
   * sends each socket one of these strings without encoding anything per socket (the fan-out fast path).
   */
  public static JsonObject wire(JsonObject published) {
    JsonObject wire = new JsonObject().put(PUBLIC, forViewer(published, null).encode());
    JsonObject views = published.getJsonObject(VIEWS);
    if (views != null) {
      JsonObject encoded = new JsonObject();
      views.fieldNames().forEach(viewer -> encoded.put(viewer, forViewer(published, viewer).encode()));
      wire.put(VIEWS, encoded);
    }
    return wire;
  }

  /** The encoded copy of a wire envelope that {@code viewerId} receives ({@code null}: the public one). */
  public static String encodedFor(JsonObject wire, String viewerId) {
    JsonObject views = wire.getJsonObject(VIEWS);
    String own = views == null || viewerId == null ? null : views.getString(viewerId);
    return own != null ? own : wire.getString(PUBLIC);
  }

  private static JsonArray view(List<Event> events, String viewerId, JsonArray eventsJson) {
    List<Event> seen = events.stream().map(e -> e.viewFor(viewerId)).flatMap(Optional::stream).toList();
    boolean unchanged = seen.size() == events.size()
        && java.util.stream.IntStream.range(0, seen.size()).allMatch(i -> seen.get(i) == events.get(i));
    if (unchanged) {
      return eventsJson;
    }
    JsonArray array = new JsonArray();
    seen.forEach(e -> array.add(Codec.toJson(e)));
    return array;
  }
}
