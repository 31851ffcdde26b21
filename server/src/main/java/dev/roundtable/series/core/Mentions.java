package dev.roundtable.series.core;

/** How the chat robots mention a member: DingTalk by mobile number, WeCom by user id, Feishu by open id. Each may be null. */
public record Mentions(String dingTalkMobile, String weComUserId, String feishuOpenId) {
  public static final Mentions NONE = new Mentions(null, null, null);
}
