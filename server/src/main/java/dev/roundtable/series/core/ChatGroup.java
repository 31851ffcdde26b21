package dev.roundtable.series.core;

/**
 * A chat group of the series: a robot of one chat service the series' notices are posted to.
 * {@code webhookUrl} and {@code secret} (empty when the robot is not signed) are secrets: stored with the
 * series, given to the notifier, never shown to anyone after they are set; {@link #toString} leaves them out.
 */
public record ChatGroup(String id, ChatService service, String label, String webhookUrl, String secret) {
  public ChatGroup {
    secret = secret == null ? "" : secret;
  }

  /** A chat service a group is on; its wire name is the notifier's channel name. */
  public enum ChatService {
    DINGTALK("dingtalk"), WECOM("wecom"), FEISHU("feishu");

    private final String wire;

    ChatService(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    /** The id a member is mentioned by on this service; null when they have none. */
    public String mention(Mentions m) {
      if (m == null) {
        return null;
      }
      return switch (this) {
        case DINGTALK -> m.dingTalkMobile();
        case WECOM -> m.weComUserId();
        case FEISHU -> m.feishuOpenId();
      };
    }
  }

  public boolean signed() {
    return !secret.isEmpty();
  }

  @Override
  public String toString() {
    return "ChatGroup[" + id + ", " + service.wire() + ", " + label + ", " + (signed() ? "signed" : "unsigned") + "]";
  }
}
