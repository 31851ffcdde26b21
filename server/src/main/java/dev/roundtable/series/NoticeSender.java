package dev.roundtable.series;

import dev.roundtable.domain.Language;
import dev.roundtable.series.core.ChatGroup;
import dev.roundtable.series.core.Mentions;
import dev.roundtable.series.core.PendingEffect;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a series' notices leave the server: the notice of an occurrence, its updates, a substitute's
 * invitation, the alerts to the coordinator. {@link #send} succeeds once the notice is taken over durably (an
 * outbox has it); until then the series keeps it as a pending effect and offers it again with its next change,
 * so a receiver must deduplicate on {@link Notice#idempotencyKey}. A notice carries personal links (secrets):
 * an implementation never logs them.
 */
@FunctionalInterface
public interface NoticeSender {
  Logger LOG = LoggerFactory.getLogger(NoticeSender.class);

  Future<Void> send(Notice notice);

  /**
   * One notice, ready to send. {@code calendar} is the {@code .ics} invitation ({@code METHOD:REQUEST}) for a
   * notice, update or substitute's notice, null for an alert. {@code subject} and {@code body} are in
   * {@code language}. {@code chatGroups} are the series' chat groups the notice is also posted to (a notice or
   * an update; none for a substitute's notice or an alert): their webhook URLs and secrets are secrets too.
   */
  record Notice(String idempotencyKey, String seriesId, String occurrenceId, PendingEffect.Kind kind,
      Language language, String subject, String body, String calendar, List<Recipient> recipients,
      List<ChatGroup> chatGroups) {
    public Notice {
      recipients = List.copyOf(recipients);
      chatGroups = chatGroups == null ? List.of() : List.copyOf(chatGroups);
    }
  }

  /**
   * Who gets it: a member ({@code memberId}, with their personal {@code link} and calendar {@code feedUrl}) or
   * the coordinator ({@code memberId} {@link PendingEffect#COORDINATOR}, no links). {@code email} may be null.
   */
  record Recipient(String memberId, String name, String email, Mentions mentions, String link, String feedUrl) {
  }

  /**
   * The sender until a notifier is connected: it takes nothing, so every notice stays recorded as a pending
   * effect of its series (and is offered again later). It logs the notice's kind and key, never its contents.
   */
  static NoticeSender keepPending() {
    return notice -> {
      LOG.info("series {}: {} notice {} kept pending (no notifier connected)", notice.seriesId(), notice.kind(),
          notice.idempotencyKey());
      return Future.failedFuture("no notifier connected");
    };
  }
}
