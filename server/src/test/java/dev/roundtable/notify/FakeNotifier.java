package dev.roundtable.notify;

import dev.roundtable.domain.Language;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Message;
import dev.roundtable.notify.core.Outcome;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A notifier in memory: keeps the enqueued messages by key (a second enqueue of a key is not new), answers
 * test messages with a canned outcome and records them, and lists a status per enqueued message. It can
 * be told to fail the next enqueues.
 */
public final class FakeNotifier implements Notifier {
  /** A test message sent: where to, in which language. */
  public record Test(Destination destination, Language language) {
  }

  private final Map<String, Message> messages = new LinkedHashMap<>();
  private final List<Test> tests = new ArrayList<>();
  private final AtomicInteger failEnqueues = new AtomicInteger();
  private volatile Outcome testOutcome = new Outcome.Sent("errcode 0: ok");

  @Override
  public synchronized Future<Boolean> enqueue(Message message) {
    if (failEnqueues.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return Future.failedFuture("outbox unavailable");
    }
    return Future.succeededFuture(messages.putIfAbsent(message.key(), message) == null);
  }

  @Override
  public synchronized Future<Outcome> sendTest(Destination destination, Language language) {
    tests.add(new Test(destination, language));
    return Future.succeededFuture(testOutcome);
  }

  @Override
  public synchronized Future<List<NotificationStatus>> statuses(String seriesId) {
    Instant at = Instant.parse("2026-12-01T01:00:00Z");
    List<NotificationStatus> out = new ArrayList<>();
    messages.values().stream().filter(m -> m.seriesId().equals(seriesId)).forEach(m -> out.add(0,
        new NotificationStatus(m.key(), seriesId, m.channel(), m.title(), DeliveryState.QUEUED, 0, "", "", "", at, at,
            null)));
    return Future.succeededFuture(out);
  }

  public synchronized List<Message> messages() {
    return List.copyOf(messages.values());
  }

  public synchronized List<Test> tests() {
    return List.copyOf(tests);
  }

  public void answerTestsWith(Outcome outcome) {
    testOutcome = outcome;
  }

  public void failNextEnqueues(int count) {
    failEnqueues.set(count);
  }
}
