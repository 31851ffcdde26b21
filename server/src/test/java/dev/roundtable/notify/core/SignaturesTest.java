package dev.roundtable.notify.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Vectors computed outside Java (Python's hmac, base64 and quote_plus, following each service's sample code). */
@DisplayName("The robots' signatures")
class SignaturesTest {

  @Test
  @DisplayName("DingTalk signs timestamp + \\n + secret with the secret as key, Base64, URL-encoded into the query")
  void dingTalk() {
    assertThat(Signatures.dingTalk(1577262236757L, "this is secret"))
        .isEqualTo("hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=");
    assertThat(Signatures.dingTalkQuery(1577262236757L, "this is secret"))
        .isEqualTo("&timestamp=1577262236757&sign=hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D");
    assertThat(Signatures.signedDingTalkUrl("https://oapi.dingtalk.com/robot/send?access_token=T", 1577262236757L,
        "this is secret")).isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=T"
        + "&timestamp=1577262236757&sign=hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D");
    assertThat(Signatures.signedDingTalkUrl("https://x.example/send?access_token=T", 1L, ""))
        .isEqualTo("https://x.example/send?access_token=T");
  }

  @Test
  @DisplayName("Feishu keys HMAC-SHA256 with timestamp + \\n + secret over no data, Base64")
  void feishu() {
    assertThat(Signatures.feishu(1599360473L, "demo-secret")).isEqualTo("3/MaVZ8JLIy4TUG+7KSFJqvUkTKd+HWY8g+56DZWq8s=");
  }
}
