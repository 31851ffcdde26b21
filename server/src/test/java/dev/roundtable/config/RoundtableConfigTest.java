package dev.roundtable.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The server configuration")
class RoundtableConfigTest {
  private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";

  @TempDir
  Path dir;

  private Path file(String content) throws IOException {
    return Files.writeString(dir.resolve("roundtable.json"), content);
  }

  private Map<String, String> env(String... namesAndValues) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      env.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return env;
  }

  private static void assertRefused(Runnable loading, String... named) {
    assertThatThrownBy(loading::run).isInstanceOf(InvalidConfigException.class)
        .message().contains(named);
  }

  @Test
  @DisplayName("refuses a ROUNDTABLE_ variable that names no setting, so a typo is not silently ignored")
  void refusesUnknownVariables() {
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_HTTP_PROT", "9000")), "ROUNDTABLE_HTTP_PROT");
    assertThat(RoundtableConfig.load(env("HOME", "/root", "ROUNDTABLEX", "1")).httpPort()).isEqualTo(8080);
  }

  @Test
  @DisplayName("defaults to port 8080, the embedded store and a 180-second speaker limit")
  void defaults() {
    RoundtableConfig config = RoundtableConfig.defaults();

    assertThat(config.httpHost()).isEqualTo("0.0.0.0");
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.publicUrl()).isEmpty();
    assertThat(config.mongoUri()).isEmpty();
    assertThat(config.embeddedStore()).isTrue();
    assertThat(config.mongoDatabase()).isEqualTo("roundtable");
    assertThat(config.dataDir()).isEqualTo(Path.of("data"));
    assertThat(config.embeddedMongoHost()).isEqualTo("127.0.0.1");
    assertThat(config.embeddedMongoPort()).isZero();
    assertThat(config.jwtSecret()).isEmpty();
    assertThat(config.tokenTtlSeconds()).isEqualTo(604_800);
    assertThat(config.downloadTokenTtlSeconds()).isEqualTo(900);
    assertThat(config.speakerLimitSeconds()).isEqualTo(180);
    assertThat(config.snapshotEvery()).isEqualTo(200);
    assertThat(config.idleTimeoutSeconds()).isEqualTo(600);
    assertThat(config.resyncWindow()).isEqualTo(1_000);
    assertThat(config.maxCommandBytes()).isEqualTo(16_384);
    assertThat(config.maxPendingCommands()).isEqualTo(10_000);
    assertThat(config.commandsPerSecond()).isEqualTo(50);
    assertThat(config.commandBurst()).isEqualTo(100);
    assertThat(config.storeStartTimeoutSeconds()).isEqualTo(60);
  }

  @Test
  @DisplayName("is the defaults when neither a file nor a variable is given, and ignores unrelated variables")
  void emptyEnvironmentGivesDefaults() {
    assertThat(RoundtableConfig.load(Map.of())).isEqualTo(RoundtableConfig.defaults());
    assertThat(RoundtableConfig.load(env("PATH", "/usr/bin", "HOME", "/root", "HTTP_PORT", "1")))
        .isEqualTo(RoundtableConfig.defaults());
  }

  @Test
  @DisplayName("takes values from the JSON file named by ROUNDTABLE_CONFIG over the defaults")
  void fileOverDefaults() throws IOException {
    Path file = file(new JsonObject().put("httpPort", 9000).put("speakerLimitSeconds", 120)
        .put("mongoUri", "mongodb://db:27017").encode());

    RoundtableConfig config = RoundtableConfig.load(env(RoundtableConfig.FILE_VARIABLE, file.toString()));

    assertThat(config.httpPort()).isEqualTo(9000);
    assertThat(config.speakerLimitSeconds()).isEqualTo(120);
    assertThat(config.mongoUri()).isEqualTo("mongodb://db:27017");
    assertThat(config.embeddedStore()).isFalse();
    assertThat(config.httpHost()).isEqualTo(RoundtableConfig.DEFAULT_HTTP_HOST);
    assertThat(config.commandBurst()).isEqualTo(RoundtableConfig.DEFAULT_COMMAND_BURST);
  }

  @Test
  @DisplayName("takes environment variables over the file, key by key")
  void environmentOverFile() throws IOException {
    Path file = file(new JsonObject().put("httpPort", 9000).put("httpHost", "127.0.0.1").encode());

    RoundtableConfig config = RoundtableConfig.load(env(RoundtableConfig.FILE_VARIABLE, file.toString(),
        "ROUNDTABLE_HTTP_PORT", "9100", "MONGO_URI", "mongodb://env:27017"));

    assertThat(config.httpPort()).isEqualTo(9100);
    assertThat(config.httpHost()).isEqualTo("127.0.0.1");
    assertThat(config.mongoUri()).isEqualTo("mongodb://env:27017");
  }

  @Test
  @DisplayName("checks only the final value of a key, so a variable can correct a bad value in the file")
  void onlyTheFinalValueIsChecked() throws IOException {
    Path file = file(new JsonObject().put("httpPort", 70_000).encode());

    RoundtableConfig config = RoundtableConfig.load(env(RoundtableConfig.FILE_VARIABLE, file.toString(),
        "ROUNDTABLE_HTTP_PORT", "9000"));

    assertThat(config.httpPort()).isEqualTo(9000);
  }

  @Test
  @DisplayName("reads every key from ROUNDTABLE_ and the key in upper snake case, numbers given as strings")
  void everyKeyFromTheEnvironment() {
    RoundtableConfig config = RoundtableConfig.load(env(
        "ROUNDTABLE_HTTP_HOST", "127.0.0.1",
        "ROUNDTABLE_HTTP_PORT", "9000",
        "ROUNDTABLE_PUBLIC_URL", "https://meet.example.org/",
        "ROUNDTABLE_MONGO_URI", "mongodb://db:27017",
        "ROUNDTABLE_MONGO_DATABASE", "rt",
        "ROUNDTABLE_DATA_DIR", "/var/lib/roundtable",
        "ROUNDTABLE_EMBEDDED_MONGO_HOST", "0.0.0.0",
        "ROUNDTABLE_EMBEDDED_MONGO_PORT", "27018",
        "ROUNDTABLE_JWT_SECRET", SECRET,
        "ROUNDTABLE_TOKEN_TTL_SECONDS", "3600",
        "ROUNDTABLE_DOWNLOAD_TOKEN_TTL_SECONDS", "600",
        "ROUNDTABLE_SPEAKER_LIMIT_SECONDS", "90",
        "ROUNDTABLE_SNAPSHOT_EVERY", "50",
        "ROUNDTABLE_IDLE_TIMEOUT_SECONDS", "120",
        "ROUNDTABLE_RESYNC_WINDOW", "500",
        "ROUNDTABLE_MAX_COMMAND_BYTES", "8192",
        "ROUNDTABLE_MAX_PENDING_COMMANDS", "2000",
        "ROUNDTABLE_COMMANDS_PER_SECOND", "20",
        "ROUNDTABLE_COMMAND_BURST", "40",
        "ROUNDTABLE_ROOM_CREATES_PER_MINUTE", "5",
        "ROUNDTABLE_ROOM_CREATE_BURST", "6",
        "ROUNDTABLE_JOINS_PER_MINUTE", "30",
        "ROUNDTABLE_JOIN_BURST", "45",
        "ROUNDTABLE_TRUSTED_PROXIES", "10.0.0.2, fd00::/8",
        "ROUNDTABLE_CLUSTER_ENABLED", "true",
        "ROUNDTABLE_CLUSTER_NAME", "acme",
        "ROUNDTABLE_CLUSTER_HOST", "10.0.0.5",
        "ROUNDTABLE_CLUSTER_PORT", "6701",
        "ROUNDTABLE_CLUSTER_PORT_COUNT", "3",
        "ROUNDTABLE_CLUSTER_MEMBERS", "node1, node2:6702,10.0.0.7",
        "ROUNDTABLE_CLUSTER_FAILURE_SECONDS", "4",
        "ROUNDTABLE_EVENT_BUS_PORT", "5801",
        "ROUNDTABLE_LOG_FORMAT", "json",
        "ROUNDTABLE_STORE_START_TIMEOUT_SECONDS", "90",
        "ROUNDTABLE_JOB_LEASE_SECONDS", "20",
        "ROUNDTABLE_JOB_RETRY_BASE_SECONDS", "5",
        "ROUNDTABLE_JOB_RETRY_CAP_SECONDS", "600",
        "ROUNDTABLE_JOB_MAX_ATTEMPTS", "7",
        "ROUNDTABLE_JOB_POLL_SECONDS", "300",
        "ROUNDTABLE_JOB_HANDLER_TIMEOUT_SECONDS", "15",
        "ROUNDTABLE_JOB_MAX_RUNNING", "16",
        "ROUNDTABLE_PRE_READ_MAX_BYTES", "2097152"));

    assertThat(config).isEqualTo(new RoundtableConfig("127.0.0.1", 9000, "https://meet.example.org/",
        "mongodb://db:27017", "rt", Path.of("/var/lib/roundtable"), "0.0.0.0", 27018, SECRET, 3600, 600, 90, 50, 120,
        500, 8192, 2000, 1000, 512, 1048576, 2000, 1000, 1000, 20, 40, 5, 6, 30, 45, "10.0.0.2, fd00::/8", true, "acme", "10.0.0.5", 6701, 3, "node1, node2:6702,10.0.0.7", 4, 5801, "json", "", 587, "", "", "", "optional", false, 90,
        20, 5, 600, 7, 300, 15, 16, 2097152));
    assertThat(config.clusterMemberList()).containsExactly("node1", "node2:6702", "10.0.0.7");
    assertThat(config.trustedProxyRanges()).hasSize(2);
  }

  @Test
  @DisplayName("reads numbers given as strings with spaces around them")
  void numbersWithSpaces() {
    RoundtableConfig config = RoundtableConfig.load(env("ROUNDTABLE_HTTP_PORT", " 9000 ",
        "ROUNDTABLE_TOKEN_TTL_SECONDS", "\t60\n"));

    assertThat(config.httpPort()).isEqualTo(9000);
    assertThat(config.tokenTtlSeconds()).isEqualTo(60);
  }

  @Test
  @DisplayName("reads numbers given as strings in the file too")
  void numbersAsStringsInTheFile() throws IOException {
    Path file = file("{\"httpPort\": \"9000\", \"snapshotEvery\": 10}");

    RoundtableConfig config = RoundtableConfig.load(env(RoundtableConfig.FILE_VARIABLE, file.toString()));

    assertThat(config.httpPort()).isEqualTo(9000);
    assertThat(config.snapshotEvery()).isEqualTo(10);
  }

  @Test
  @DisplayName("takes MONGO_URI for the store, and an empty one as the embedded store")
  void mongoUri() {
    RoundtableConfig real = RoundtableConfig.load(env("MONGO_URI", "mongodb://db:27017/?replicaSet=rs0"));
    assertThat(real.mongoUri()).isEqualTo("mongodb://db:27017/?replicaSet=rs0");
    assertThat(real.embeddedStore()).isFalse();

    RoundtableConfig empty = RoundtableConfig.load(env("MONGO_URI", ""));
    assertThat(empty.mongoUri()).isEmpty();
    assertThat(empty.embeddedStore()).isTrue();
  }

  @Test
  @DisplayName("ignores a blank ROUNDTABLE_CONFIG")
  void blankFileVariable() {
    assertThat(RoundtableConfig.load(env(RoundtableConfig.FILE_VARIABLE, "  ")))
        .isEqualTo(RoundtableConfig.defaults());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
      "ROUNDTABLE_HTTP_PORT, 70000, httpPort",
      "ROUNDTABLE_HTTP_PORT, -1, httpPort",
      "ROUNDTABLE_HTTP_PORT, 65536, httpPort",
      "ROUNDTABLE_EMBEDDED_MONGO_PORT, 65536, embeddedMongoPort",
      "ROUNDTABLE_EMBEDDED_MONGO_PORT, -2, embeddedMongoPort",
      "ROUNDTABLE_TOKEN_TTL_SECONDS, 0, tokenTtlSeconds",
      "ROUNDTABLE_DOWNLOAD_TOKEN_TTL_SECONDS, 0, downloadTokenTtlSeconds",
      "ROUNDTABLE_DOWNLOAD_TOKEN_TTL_SECONDS, 86401, downloadTokenTtlSeconds",
      "ROUNDTABLE_SPEAKER_LIMIT_SECONDS, 0, speakerLimitSeconds",
      "ROUNDTABLE_SPEAKER_LIMIT_SECONDS, -30, speakerLimitSeconds",
      "ROUNDTABLE_SNAPSHOT_EVERY, 0, snapshotEvery",
      "ROUNDTABLE_IDLE_TIMEOUT_SECONDS, -1, idleTimeoutSeconds",
      "ROUNDTABLE_RESYNC_WINDOW, 0, resyncWindow",
      "ROUNDTABLE_MAX_COMMAND_BYTES, 0, maxCommandBytes",
      "ROUNDTABLE_MAX_PENDING_COMMANDS, -5, maxPendingCommands",
      "ROUNDTABLE_COMMANDS_PER_SECOND, 0, commandsPerSecond",
      "ROUNDTABLE_COMMAND_BURST, -1, commandBurst",
      "ROUNDTABLE_HTTP_PORT, eighty, httpPort",
      "ROUNDTABLE_HTTP_PORT, 80.5, httpPort",
      "ROUNDTABLE_HTTP_PORT, 99999999999, httpPort",
      "ROUNDTABLE_SNAPSHOT_EVERY, 1e3, snapshotEvery",
      "ROUNDTABLE_TOKEN_TTL_SECONDS, 7d, tokenTtlSeconds",
      "ROUNDTABLE_HTTP_HOST, ' ', httpHost",
      "ROUNDTABLE_MONGO_DATABASE, '', mongoDatabase",
      "ROUNDTABLE_JWT_SECRET, short-secret, jwtSecret"})
  @DisplayName("refuses an invalid value from the environment, naming the key:")
  void refusesInvalidEnvironmentValue(String variable, String value, String key) {
    assertRefused(() -> RoundtableConfig.load(env(variable, value)), key);
  }

  @Test
  @DisplayName("refuses an empty number rather than taking the default")
  void refusesEmptyNumber() {
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_HTTP_PORT", "")), "httpPort");
  }

  @Test
  @DisplayName("names every invalid value at once")
  void namesEveryProblem() {
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_HTTP_PORT", "70000",
        "ROUNDTABLE_SPEAKER_LIMIT_SECONDS", "0", "ROUNDTABLE_COMMAND_BURST", "-1")),
        "httpPort", "speakerLimitSeconds", "commandBurst");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"httpPort\": 8080.5}                 | httpPort",
      "{\"httpPort\": true}                   | httpPort",
      "{\"httpPort\": [8080]}                 | httpPort",
      "{\"httpPort\": 4294967296}             | httpPort",
      "{\"httpHost\": 5}                      | httpHost",
      "{\"mongoUri\": {\"host\": \"db\"}}     | mongoUri",
      "{\"speakerLimitSeconds\": -1}          | speakerLimitSeconds",
      "{\"jwtSecret\": \"0123456789abcdef0123456789abcde\"} | jwtSecret",
      "{\"httpPrt\": 9000}                    | httpPrt"})
  @DisplayName("refuses an invalid or unknown value in the file, naming the key:")
  void refusesInvalidFileValue(String json, String key) throws IOException {
    Path file = file(json);

    assertRefused(() -> RoundtableConfig.load(env(RoundtableConfig.FILE_VARIABLE, file.toString())), key);
  }

  @Test
  @DisplayName("refuses an unknown key in the file, naming it")
  void refusesUnknownKey() throws IOException {
    Path file = file(new JsonObject().put("httpPort", 9000).put("maxSpeakers", 3).encode());

    assertRefused(() -> RoundtableConfig.load(env(RoundtableConfig.FILE_VARIABLE, file.toString())),
        "unknown config key maxSpeakers");
  }

  @ParameterizedTest(name = "<{0}>")
  @ValueSource(strings = {"httpPort: 9000", "{\"httpPort\": 9000", "[1, 2]", "\"text\"", ""})
  @DisplayName("refuses a file that is not a JSON object, naming the file:")
  void refusesFileThatIsNotJson(String content) throws IOException {
    Path file = file(content);

    assertRefused(() -> RoundtableConfig.load(env(RoundtableConfig.FILE_VARIABLE, file.toString())),
        file.toString());
  }

  @Test
  @DisplayName("refuses a missing file, naming it")
  void refusesMissingFile() {
    Path missing = dir.resolve("absent.json");

    assertRefused(() -> RoundtableConfig.load(env(RoundtableConfig.FILE_VARIABLE, missing.toString())),
        "cannot read config file", missing.toString());
  }

  @Test
  @DisplayName("refuses a file name that is a folder")
  void refusesFolder() {
    assertRefused(() -> RoundtableConfig.load(env(RoundtableConfig.FILE_VARIABLE, dir.toString())),
        dir.toString());
  }

  @Test
  @DisplayName("refuses a jwtSecret shorter than 32 characters, and takes one of 32 or none")
  void jwtSecretLength() {
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_JWT_SECRET", "x".repeat(31))),
        "jwtSecret must be at least 32 characters");

    assertThat(RoundtableConfig.load(env("ROUNDTABLE_JWT_SECRET", "x".repeat(32))).jwtSecret())
        .isEqualTo("x".repeat(32));
    assertThat(RoundtableConfig.load(env("ROUNDTABLE_JWT_SECRET", "")).jwtSecret()).isEmpty();
  }

  @Test
  @DisplayName("accepts the edges of every range: ports 0 and 65535, limits of 1, a speaker limit of 10")
  void acceptsRangeEdges() {
    RoundtableConfig config = RoundtableConfig.defaults().with(new JsonObject().put("httpPort", 65_535)
        .put("embeddedMongoPort", 0).put("speakerLimitSeconds", 10).put("commandBurst", 1).put("tokenTtlSeconds", 1));

    assertThat(config.httpPort()).isEqualTo(65_535);
    assertThat(config.embeddedMongoPort()).isZero();
    assertThat(config.commandBurst()).isEqualTo(1);
    assertThat(RoundtableConfig.defaults().with(new JsonObject().put("httpPort", 0)).httpPort()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {5, 9, 3601})
  @DisplayName("refuses a speaker limit outside the protocol's 10 to 3600 seconds:")
  void refusesSpeakerLimitOutsideTheProtocolRange(int seconds) {
    assertRefused(() -> RoundtableConfig.defaults().with(new JsonObject().put("speakerLimitSeconds", seconds)),
        "speakerLimitSeconds");
  }

  @Test
  @DisplayName("refuses a cluster without a shared token secret, without members, or with a malformed member")
  void refusesIncompleteClusterSettings() {
    JsonObject cluster = new JsonObject().put("clusterEnabled", true).put("clusterMembers", "127.0.0.1:5701");
    assertRefused(() -> RoundtableConfig.defaults().with(cluster), "jwtSecret must be set when clusterEnabled");
    JsonObject withSecret = cluster.copy().put("jwtSecret", SECRET);
    assertRefused(() -> RoundtableConfig.defaults().with(withSecret.copy().put("clusterMembers", " , ")),
        "clusterMembers must name at least one member");
    assertRefused(() -> RoundtableConfig.defaults().with(withSecret.copy().put("clusterMembers", "a b:1")),
        "is not host or host:port");
    assertRefused(() -> RoundtableConfig.defaults().with(withSecret.copy().put("clusterFailureSeconds", 1)),
        "clusterFailureSeconds");
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_CLUSTER_ENABLED", "yes")), "clusterEnabled");
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_LOG_FORMAT", "xml")), "logFormat");
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_STORE_START_TIMEOUT_SECONDS", "0")),
        "storeStartTimeoutSeconds");
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_JOINS_PER_MINUTE", "0")), "joinsPerMinute");
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_ROOM_CREATE_BURST", "-1")), "roomCreateBurst");
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_TRUSTED_PROXIES", "lb")), "trustedProxies");
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_TRUSTED_PROXIES", "10.0.0.0/33")), "trustedProxies");
    assertThat(RoundtableConfig.defaults().with(withSecret).clusterEnabled()).isTrue();
  }

  @Test
  @DisplayName("has job queue defaults that fire jobs on time and refuses job settings that make no sense")
  void jobQueue() {
    RoundtableConfig defaults = RoundtableConfig.defaults();
    assertThat(defaults.jobLeaseSeconds()).isEqualTo(RoundtableConfig.DEFAULT_JOB_LEASE_SECONDS);
    assertThat(defaults.jobRetryBaseSeconds()).isEqualTo(RoundtableConfig.DEFAULT_JOB_RETRY_BASE_SECONDS);
    assertThat(defaults.jobRetryCapSeconds()).isEqualTo(RoundtableConfig.DEFAULT_JOB_RETRY_CAP_SECONDS);
    assertThat(defaults.jobMaxAttempts()).isEqualTo(RoundtableConfig.DEFAULT_JOB_MAX_ATTEMPTS);
    assertThat(defaults.jobPollSeconds()).isEqualTo(RoundtableConfig.DEFAULT_JOB_POLL_SECONDS);
    assertThat(defaults.jobHandlerTimeoutSeconds()).isEqualTo(RoundtableConfig.DEFAULT_JOB_HANDLER_TIMEOUT_SECONDS);
    assertThat(defaults.jobMaxRunning()).isEqualTo(RoundtableConfig.DEFAULT_JOB_MAX_RUNNING);
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_JOB_LEASE_SECONDS", "2")), "jobLeaseSeconds");
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_JOB_RETRY_BASE_SECONDS", "0")), "jobRetryBaseSeconds");
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_JOB_RETRY_BASE_SECONDS", "60",
        "ROUNDTABLE_JOB_RETRY_CAP_SECONDS", "30")), "jobRetryCapSeconds");
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_JOB_MAX_ATTEMPTS", "0")), "jobMaxAttempts");
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_JOB_POLL_SECONDS", "-5")), "jobPollSeconds");
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_JOB_HANDLER_TIMEOUT_SECONDS", "0")),
        "jobHandlerTimeoutSeconds");
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_JOB_MAX_RUNNING", "0")), "jobMaxRunning");
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_JOB_MAX_RUNNING", "many")), "jobMaxRunning");
  }

  @Test
  @DisplayName("takes pre-read files up to 10 MiB by default, and refuses a limit of nothing or of more than 64 MiB")
  void preReadMaxBytes() {
    assertThat(RoundtableConfig.defaults().preReadMaxBytes()).isEqualTo(10 * 1024 * 1024);
    assertThat(RoundtableConfig.load(env("ROUNDTABLE_PRE_READ_MAX_BYTES", "1048576")).preReadMaxBytes())
        .isEqualTo(1024 * 1024);
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_PRE_READ_MAX_BYTES", "0")), "preReadMaxBytes");
    assertRefused(() -> RoundtableConfig.load(env("ROUNDTABLE_PRE_READ_MAX_BYTES", "67108865")), "preReadMaxBytes");
  }

  @Test
  @DisplayName("refuses invalid values given through the constructor too, and turns absent texts into empty ones")
  void constructorChecks() {
    assertRefused(() -> new RoundtableConfig("0.0.0.0", 70_000, "", "", "roundtable", Path.of("data"), "127.0.0.1",
        0, "", 1, 900, 10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "", false, "rt", "127.0.0.1", 5701, 1, "", 5, 0, "text", "", 587, "", "", "", "optional", false, 60, 30, 10, 3600, 10, 60, 60, 64, 1024),
        "httpPort");

    RoundtableConfig config = new RoundtableConfig("0.0.0.0", 8080, null, null, "roundtable", Path.of("data"),
        "127.0.0.1", 0, null, 1, 900, 10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, null, false, "rt", "127.0.0.1", 5701, 1, null, 5, 0, "text", null, 587, null, null, null, "optional", false, 60, 30, 10, 3600, 10, 60, 60, 64, 1024);
    assertThat(config.publicUrl()).isEmpty();
    assertThat(config.mongoUri()).isEmpty();
    assertThat(config.jwtSecret()).isEmpty();
    assertThat(config.trustedProxies()).isEmpty();
    assertThat(config.embeddedStore()).isTrue();
  }

  @Test
  @DisplayName("gives the configured public URL as it is, whatever port was bound")
  void configuredPublicUrl() {
    RoundtableConfig config = RoundtableConfig.defaults().with(new JsonObject()
        .put("publicUrl", "https://meet.example.org/"));

    assertThat(config.effectivePublicUrl(43_210)).isEqualTo("https://meet.example.org/");
  }

  @Test
  @DisplayName("derives the public URL from the host and the bound port, with localhost for all interfaces")
  void derivedPublicUrl() {
    assertThat(RoundtableConfig.defaults().effectivePublicUrl(8080)).isEqualTo("http://localhost:8080/");
    assertThat(RoundtableConfig.defaults().with(new JsonObject().put("httpPort", 0)).effectivePublicUrl(43_210))
        .isEqualTo("http://localhost:43210/");
    assertThat(RoundtableConfig.defaults().with(new JsonObject().put("httpHost", "192.168.1.20"))
        .effectivePublicUrl(9000)).isEqualTo("http://192.168.1.20:9000/");
    assertThat(RoundtableConfig.defaults().with(new JsonObject().put("httpHost", "meet.local"))
        .effectivePublicUrl(80)).isEqualTo("http://meet.local:80/");
  }

  @Test
  @DisplayName("derives a usable public URL for an IPv6 host")
  void derivedPublicUrlForIpv6() {
    assertThat(RoundtableConfig.defaults().with(new JsonObject().put("httpHost", "::")).effectivePublicUrl(8080))
        .isEqualTo("http://localhost:8080/");
    assertThat(RoundtableConfig.defaults().with(new JsonObject().put("httpHost", "::1")).effectivePublicUrl(8080))
        .isEqualTo("http://[::1]:8080/");
  }

  @Test
  @DisplayName("makes a copy with some values overridden and leaves the original as it was")
  void withOverrides() {
    RoundtableConfig original = RoundtableConfig.defaults();

    RoundtableConfig copy = original.with(new JsonObject().put("httpPort", 0).put("dataDir", "/tmp/rt")
        .put("jwtSecret", SECRET));

    assertThat(copy.httpPort()).isZero();
    assertThat(copy.dataDir()).isEqualTo(Path.of("/tmp/rt"));
    assertThat(copy.jwtSecret()).isEqualTo(SECRET);
    assertThat(copy.speakerLimitSeconds()).isEqualTo(original.speakerLimitSeconds());
    assertThat(copy.mongoDatabase()).isEqualTo(original.mongoDatabase());
    assertThat(original).isEqualTo(RoundtableConfig.defaults());
  }

  @Test
  @DisplayName("keeps every value through with() of nothing")
  void withNothing() {
    RoundtableConfig custom = RoundtableConfig.load(env("ROUNDTABLE_HTTP_PORT", "9000", "MONGO_URI", "mongodb://db",
        "ROUNDTABLE_DATA_DIR", "/srv/rt", "ROUNDTABLE_TOKEN_TTL_SECONDS", "99", "ROUNDTABLE_PUBLIC_URL", "http://x/"));

    assertThat(custom.with(new JsonObject())).isEqualTo(custom);
    assertThat(custom.with(custom.toJson())).isEqualTo(custom);
  }

  @Test
  @DisplayName("checks overrides like any other layer")
  void withChecksOverrides() {
    RoundtableConfig config = RoundtableConfig.defaults();

    assertRefused(() -> config.with(new JsonObject().put("httpPort", 70_000)), "httpPort");
    assertRefused(() -> config.with(new JsonObject().put("speakerLimitSeconds", 0)), "speakerLimitSeconds");
    assertRefused(() -> config.with(new JsonObject().put("jwtSecret", "short")), "jwtSecret");
    assertRefused(() -> config.with(new JsonObject().put("colour", "blue")), "unknown config key colour");
  }

  @Test
  @DisplayName("reads the notifications' SMTP server and webhook rule, checks them, and never shows the SMTP password")
  void notifications() {
    RoundtableConfig defaults = RoundtableConfig.defaults();
    assertThat(defaults.smtpHost()).isEmpty();
    assertThat(defaults.smtpPort()).isEqualTo(RoundtableConfig.DEFAULT_SMTP_PORT);
    assertThat(defaults.smtpStarttls()).isEqualTo("optional");
    assertThat(defaults.allowPrivateWebhooks()).isFalse();

    RoundtableConfig config = RoundtableConfig.load(env("ROUNDTABLE_SMTP_HOST", "smtp.example.org",
        "ROUNDTABLE_SMTP_PORT", "465", "ROUNDTABLE_SMTP_FROM", "roundtable@example.org",
        "ROUNDTABLE_SMTP_USERNAME", "rt", "ROUNDTABLE_SMTP_PASSWORD", "hunter2-very-secret",
        "ROUNDTABLE_SMTP_STARTTLS", "required", "ROUNDTABLE_ALLOW_PRIVATE_WEBHOOKS", "true"));
    assertThat(config.smtpHost()).isEqualTo("smtp.example.org");
    assertThat(config.smtpPort()).isEqualTo(465);
    assertThat(config.smtpFrom()).isEqualTo("roundtable@example.org");
    assertThat(config.smtpPassword()).isEqualTo("hunter2-very-secret");
    assertThat(config.smtpStarttls()).isEqualTo("required");
    assertThat(config.allowPrivateWebhooks()).isTrue();
    assertThat(config.toString()).doesNotContain("hunter2").contains("smtp.example.org");
    assertThat(config.with(new JsonObject().put("jwtSecret", SECRET)).toString()).doesNotContain(SECRET);

    assertRefused(() -> defaults.with(new JsonObject().put("smtpHost", "smtp.example.org")), "smtpFrom");
    assertRefused(() -> defaults.with(new JsonObject().put("smtpHost", "smtp.example.org").put("smtpFrom", "nobody")),
        "smtpFrom");
    assertRefused(() -> defaults.with(new JsonObject().put("smtpStarttls", "maybe")), "smtpStarttls");
    assertRefused(() -> defaults.with(new JsonObject().put("smtpPort", 0)), "smtpPort");
    assertRefused(() -> defaults.with(new JsonObject().put("smtpPort", 70_000)), "smtpPort");
    assertRefused(() -> defaults.with(new JsonObject().put("smtpPassword", "x")), "smtpUsername");
    assertRefused(() -> defaults.with(new JsonObject().put("allowPrivateWebhooks", "yes")), "allowPrivateWebhooks");
  }
}
