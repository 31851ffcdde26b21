package dev.roundtable.notify.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Reading the services' answers")
class AnswersTest {

  @ParameterizedTest(name = "{0} HTTP {1} code {2} → {3}")
  @CsvSource({
      "DINGTALK, 200, 0, sent, ''",
      "DINGTALK, 200, 130101, rate, 130101",
      "DINGTALK, 200, 310000, failed, 310000",
      "DINGTALK, 200, 300001, failed, 300001",
      "DINGTALK, 200, -1, retry, -1",
      "WECOM, 200, 0, sent, ''",
      "WECOM, 200, 45009, rate, 45009",
      "WECOM, 200, 93000, failed, 93000",
      "FEISHU, 200, 0, sent, ''",
      "FEISHU, 200, 9499, rate, 9499",
      "FEISHU, 200, 11232, rate, 11232",
      "FEISHU, 200, 19021, failed, 19021",
      "FEISHU, 400, 19021, failed, 19021",
      "FEISHU, 429, , rate, HTTP 429",
      "WECOM, 502, , retry, HTTP 502",
      "DINGTALK, 404, , failed, HTTP 404",
      "DINGTALK, 200, , retry, HTTP 200",
  })
  @DisplayName("each service's documented codes become sent, retry, rate-limited or failed")
  void robots(Channel channel, int status, Integer code, String kind, String errorCode) {
    Outcome outcome = Answers.robot(channel, status, code, "msg");
    switch (kind) {
      case "sent" -> assertThat(outcome).isInstanceOf(Outcome.Sent.class);
      case "rate" -> assertThat(outcome).isEqualTo(new Outcome.RetryLater(errorCode, outcome.answer(), true));
      case "retry" -> assertThat(outcome).isEqualTo(new Outcome.RetryLater(errorCode, outcome.answer(), false));
      default -> assertThat(outcome).isEqualTo(new Outcome.Failed(errorCode, outcome.answer()));
    }
  }

  @ParameterizedTest(name = "SMTP {0} → {1}")
  @CsvSource({"250, sent", "421, retry", "451, retry", "550, failed", "0, retry"})
  @DisplayName("SMTP: 2xx sent, 4xx later, 5xx never")
  void smtp(int reply, String kind) {
    Outcome outcome = Answers.smtp(reply, "x");
    assertThat(outcome.getClass().getSimpleName()).isEqualTo(switch (kind) {
      case "sent" -> "Sent";
      case "retry" -> "RetryLater";
      default -> "Failed";
    });
  }
}
