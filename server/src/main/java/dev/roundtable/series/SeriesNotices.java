package dev.roundtable.series;

import dev.roundtable.series.core.Member;
import dev.roundtable.series.core.Mentions;
import dev.roundtable.series.core.Occurrence;
import dev.roundtable.series.core.PendingEffect;
import dev.roundtable.series.core.Series;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The series' effects as notices: turns a pending effect into a {@link NoticeSender.Notice} (its text from
 * {@link NoticeText}, its invitation from {@link SeriesCalendar}, its recipients with their links) and hands it
 * to the sender, with the series' chat groups for a notice or an update. A recipient who left the series since
 * the effect was recorded is skipped.
 */
public final class SeriesNotices implements SeriesEffects {
  private final NoticeSender sender;
  private final SeriesLinks links;

  private SeriesNotices(NoticeSender sender, SeriesLinks links) {
    this.sender = sender;
    this.links = links;
  }

  public static SeriesNotices create(NoticeSender sender, SeriesLinks links) {
    return new SeriesNotices(sender, links);
  }

  @Override
  public Future<Void> deliver(Series series, PendingEffect effect) {
    return notice(series, effect).map(sender::send).orElseGet(Future::succeededFuture);
  }

  /** The notice of {@code effect}; empty when its occurrence is gone (nothing left to say). */
  public Optional<NoticeSender.Notice> notice(Series s, PendingEffect effect) {
    Optional<Occurrence> occurrence = s.occurrence(effect.occurrenceId());
    if (occurrence.isEmpty()) {
      return Optional.empty();
    }
    Occurrence o = occurrence.get();
    List<NoticeSender.Recipient> to = new ArrayList<>();
    for (String id : effect.recipients()) {
      if (PendingEffect.COORDINATOR.equals(id)) {
        Series.Coordinator c = s.details().coordinator();
        to.add(new NoticeSender.Recipient(PendingEffect.COORDINATOR, c.name(), c.email(), Mentions.NONE, null, null));
      } else {
        s.member(id).ifPresent(m -> to.add(recipient(s, m)));
      }
    }
    boolean invitation = switch (effect.kind()) {
      case NOTICE, UPDATE, SUBSTITUTE_NOTICE -> true;
      case KEY_ABSENTEE_ALERT, LATE_DECLINE_ALERT -> false;
    };
    // The groups hear of the meeting and its changes; a substitute's invitation and the alerts are personal.
    boolean toGroups = effect.kind() == PendingEffect.Kind.NOTICE || effect.kind() == PendingEffect.Kind.UPDATE;
    return Optional.of(new NoticeSender.Notice(effect.idempotencyKey(s.id()), s.id(), o.id(), effect.kind(),
        s.details().language(), NoticeText.subject(s, o, effect.kind()),
        NoticeText.body(s, o, effect.kind(), effect.detail()),
        invitation ? SeriesCalendar.invitation(s, o, effect.at()) : null, to,
        toGroups ? s.chatGroups() : List.of()));
  }

  private NoticeSender.Recipient recipient(Series s, Member m) {
    return new NoticeSender.Recipient(m.id(), m.name(), m.email(), m.mentions(), links.personal(s, m),
        links.feed(s, m));
  }
}
