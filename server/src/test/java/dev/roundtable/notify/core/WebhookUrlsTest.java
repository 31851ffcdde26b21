package dev.roundtable.notify.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Webhook URLs a coordinator enters")
class WebhookUrlsTest {

  @ParameterizedTest(name = "{0} → {1} (private allowed: {2})")
  @CsvSource({
      "https://oapi.dingtalk.com/robot/send?access_token=abc, ok, false",
      "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k, ok, false",
      "https://open.feishu.cn/open-apis/bot/v2/hook/x, ok, false",
      "https://8.8.8.8/hook, ok, false",
      "http://oapi.dingtalk.com/robot/send, https, false",
      "ftp://oapi.dingtalk.com/x, https, false",
      "'', missing, false",
      "https:///path, host, false",
      "not a url at all, URL, false",
      "https://user:pw@oapi.dingtalk.com/x, user, false",
      "https://localhost/hook, inside, false",
      "https://intranet/hook, inside, false",
      "https://robots.internal/hook, inside, false",
      "https://127.0.0.1/hook, inside, false",
      "https://10.1.2.3/hook, inside, false",
      "https://172.16.0.1/hook, inside, false",
      "https://172.32.0.1/hook, ok, false",
      "https://192.168.1.1/hook, inside, false",
      "https://169.254.169.254/latest/meta-data, inside, false",
      "https://100.64.0.1/x, inside, false",
      "https://0.0.0.0/x, inside, false",
      "https://2130706433/x, inside, false",
      "https://[::1]/hook, inside, false",
      "https://[fe80::1]/hook, inside, false",
      "https://[fd00::1]/hook, inside, false",
      "https://[::ffff:127.0.0.1]/hook, inside, false",
      "https://[2001:4860:4860::8888]/hook, ok, false",
      "https://127.0.0.1/hook, ok, true",
      "http://127.0.0.1:8080/hook, ok, true",
  })
  @DisplayName("https only, and nothing inside the network unless the server allows it")
  void rule(String url, String expected, boolean allowPrivate) {
    var problem = WebhookUrls.problem(url, allowPrivate);
    if (expected.equals("ok")) {
      assertThat(problem).isEmpty();
    } else {
      assertThat(problem).hasValueSatisfying(p -> assertThat(p).contains(expected).doesNotContain("access_token"));
    }
  }
}
