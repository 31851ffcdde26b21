package dev.roundtable.web;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.series.SeriesOwner;
import dev.roundtable.series.SeriesStore;
import dev.roundtable.series.core.Member;
import dev.roundtable.series.core.Series;
import dev.roundtable.series.core.SeriesActor;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Who a series request is from (PROTOCOL.md §14.1): the link in {@code Authorization: Bearer}, checked against
 * the series' current link versions, so a rotated link or a removed member opens nothing. The one policy shared
 * by the series' routes ({@link SeriesApi}), the action tracker's ({@link ActionsApi}) and the review figures'
 * ({@link SeriesReviewApi}); a request it refuses
 * gets {@code {code, message}} and reaches no handler.
 */
final class SeriesAccess {
  private static final Pattern SERIES_ID = Pattern.compile("[a-z0-9]{1,32}");

  private final Tokens tokens;
  private final SeriesOwner owner;

  SeriesAccess(Tokens tokens, SeriesOwner owner) {
    this.tokens = tokens;
    this.owner = owner;
  }

  /** Who a request is from: the stored series and the member (null for the coordinator). */
  record Access(SeriesStore.Stored stored, Member member) {
    Series series() {
      return stored.series();
    }

    SeriesActor actor() {
      return member == null ? SeriesActor.COORDINATOR : SeriesActor.member(member.id());
    }
  }

  interface Handler {
    void handle(RoutingContext ctx, Access access);
  }

  /** The coordinator's link only; a member's is {@code 403 FORBIDDEN}. */
  void coordinator(RoutingContext ctx, Handler then) {
    check(ctx, a -> {
      if (a.member() != null) {
        HttpErrors.send(ctx, ErrorCode.FORBIDDEN, "only the coordinator may do this");
      } else {
        then.handle(ctx, a);
      }
    });
  }

  /** A member's personal link only; the coordinator's is {@code 403 FORBIDDEN}. */
  void member(RoutingContext ctx, Handler then) {
    check(ctx, a -> {
      if (a.member() == null) {
        HttpErrors.send(ctx, ErrorCode.FORBIDDEN, "only a member may do this, with their personal link");
      } else {
        then.handle(ctx, a);
      }
    });
  }

  /** The coordinator's link or a member's, checked against the series' current versions. */
  void check(RoutingContext ctx, Consumer<Access> then) {
    String seriesId = ctx.pathParam("seriesId");
    if (seriesId == null || !SERIES_ID.matcher(seriesId).matches()) {
      HttpErrors.send(ctx, ErrorCode.NOT_FOUND, "no such series");
      return;
    }
    String token = RequestParts.bearer(ctx);
    if (token == null) {
      HttpErrors.send(ctx, ErrorCode.UNAUTHORIZED, "a series link is required: Authorization: Bearer <token>");
      return;
    }
    tokens.verifySeries(token, false).onComplete(pass -> {
      if (pass.failed()) {
        HttpErrors.send(ctx, ErrorCode.UNAUTHORIZED, "the link is not a valid series link");
        return;
      }
      Tokens.SeriesPass p = pass.result();
      if (!p.seriesId().equals(seriesId)) {
        HttpErrors.send(ctx, ErrorCode.FORBIDDEN, "the link is for another series");
        return;
      }
      owner.load(seriesId).onComplete(found -> {
        if (found.failed()) {
          SeriesApi.fail(ctx, found.cause());
          return;
        }
        SeriesStore.Stored st = found.result();
        if (p.coordinator()) {
          if (p.version() != st.coordinatorVersion()) {
            HttpErrors.send(ctx, ErrorCode.UNAUTHORIZED, "the coordinator link was replaced by a newer one");
            return;
          }
          then.accept(new Access(st, null));
          return;
        }
        Member m = st.series().member(p.memberId()).orElse(null);
        if (m == null || m.linkVersion() != p.version()) {
          HttpErrors.send(ctx, ErrorCode.UNAUTHORIZED, "the link was replaced or its member removed");
          return;
        }
        then.accept(new Access(st, m));
      });
    });
  }
}
