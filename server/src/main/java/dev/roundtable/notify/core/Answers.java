package dev.roundtable.notify.core;

import java.util.Set;

/**
 * Reads a robot service's answer, as its documentation gives it, into an {@link Outcome}. DingTalk and WeCom
 * answer {@code {"errcode":…,"errmsg":…}}, Feishu {@code {"code":…,"msg":…}}; 0 is success.
 * <ul>
 *   <li>Rate limits: DingTalk 130101 ("send too fast"), WeCom 45009 ("api freq out of limit"), Feishu 9499
 *       and 11232 ("frequency limited"), and HTTP 429 from any: retry when the window opens.</li>
 *   <li>Errors of the robot's setup (unknown token or webhook, a wrong signature or a timestamp out of the
 *       hour, a keyword or IP allow-list that refuses us, a body the service will never take) fail at once:
 *       trying again sends the same thing.</li>
 *   <li>Anything else (a busy service, −1, HTTP 5xx, an answer that is no JSON) is retried with backoff.</li>
 * </ul>
 */
public final class Answers {
  private static final Set<Integer> DINGTALK_RATE = Set.of(130101);
  /** 300001/300005 token unknown, 310000 keyword, signature or IP refused, 40035 bad parameter, 430101/460101 body refused. */
  private static final Set<Integer> DINGTALK_PERMANENT = Set.of(300001, 300005, 310000, 40035, 430101, 460101);
  private static final Set<Integer> WECOM_RATE = Set.of(45009);
  /** 93000 webhook unknown, 40008 bad message type, 40035/40058 bad parameter, 44004 empty, 45002 too long. */
  private static final Set<Integer> WECOM_PERMANENT = Set.of(93000, 40008, 40035, 40058, 44004, 45002);
  private static final Set<Integer> FEISHU_RATE = Set.of(9499, 11232);
  /** 19001 bad parameter, 19002 bot unknown, 19021 signature or timestamp refused, 19022 IP, 19024 keyword. */
  private static final Set<Integer> FEISHU_PERMANENT = Set.of(19001, 19002, 19021, 19022, 19024);

  private Answers() {
  }

  /**
   * The outcome of an HTTP answer: its status, and the code and message read from its body ({@code code}
   * null when the body held none).
   */
  public static Outcome robot(Channel channel, int httpStatus, Integer code, String message) {
    String text = code == null ? "HTTP " + httpStatus : codeName(channel) + " " + code + ": " + (message == null ? "" : message);
    if (httpStatus == 429) {
      return new Outcome.RetryLater(code == null ? "HTTP 429" : String.valueOf(code), text, true);
    }
    if (code == null) {
      return httpStatus >= 200 && httpStatus < 300
          ? new Outcome.RetryLater("HTTP " + httpStatus, "an answer without a code", false)
          : httpStatus >= 500 || httpStatus == 408 ? new Outcome.RetryLater("HTTP " + httpStatus, text, false)
          : new Outcome.Failed("HTTP " + httpStatus, text);
    }
    if (code == 0) {
      return new Outcome.Sent(text);
    }
    Set<Integer> rate = switch (channel) {
      case DINGTALK -> DINGTALK_RATE;
      case WECOM -> WECOM_RATE;
      case FEISHU -> FEISHU_RATE;
      case EMAIL -> Set.of();
    };
    Set<Integer> permanent = switch (channel) {
      case DINGTALK -> DINGTALK_PERMANENT;
      case WECOM -> WECOM_PERMANENT;
      case FEISHU -> FEISHU_PERMANENT;
      case EMAIL -> Set.of();
    };
    if (rate.contains(code)) {
      return new Outcome.RetryLater(String.valueOf(code), text, true);
    }
    if (permanent.contains(code)) {
      return new Outcome.Failed(String.valueOf(code), text);
    }
    return new Outcome.RetryLater(String.valueOf(code), text, false);
  }

  /** An SMTP reply code: 2xx sent, 4xx (and no answer) later, 5xx never. */
  public static Outcome smtp(int replyCode, String message) {
    String text = "SMTP " + replyCode + ": " + (message == null ? "" : message);
    if (replyCode >= 200 && replyCode < 300) {
      return new Outcome.Sent(text);
    }
    if (replyCode >= 500 && replyCode < 600) {
      return new Outcome.Failed("SMTP " + replyCode, text);
    }
    return new Outcome.RetryLater(replyCode <= 0 ? "NETWORK" : "SMTP " + replyCode, text, false);
  }

  private static String codeName(Channel channel) {
    return channel == Channel.FEISHU ? "code" : "errcode";
  }
}
