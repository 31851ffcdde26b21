package dev.roundtable.config;

import dev.roundtable.domain.Limits;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's whole configuration, immutable. It is built in three layers: the {@code DEFAULT_*} values
 * here, then a JSON file (keys are the component names), then environment variables
 * ({@code ROUNDTABLE_} + the component name in upper snake case, e.g. {@code ROUNDTABLE_HTTP_PORT}; plus
 * {@code MONGO_URI}). Every value is checked; a bad one stops the server with a message naming it.
 * No host, port or path literal appears anywhere else in the code.
 *
 * @param httpHost interface the HTTP server binds
 * @param httpPort HTTP port; 0 picks a free one
 * @param publicUrl the URL people open, printed at start; empty means derived from host and port
 * @param mongoUri a MongoDB connection string; empty means the embedded store under {@code dataDir}
 * @param mongoDatabase database name
 * @param dataDir where the embedded store and the generated token secret live
 * @param embeddedMongoHost interface the embedded store listens on (loopback by default)
 * @param embeddedMongoPort its port; 0 picks a free one
 * @param jwtSecret secret that signs tokens; empty means one generated once and kept in {@code dataDir}
 * @param tokenTtlSeconds how long a token is valid
 * @param downloadTokenTtlSeconds how long a download token (a read-only export link) is valid
 * @param speakerLimitSeconds per-speaker limit a new room starts with
 * @param snapshotEvery a room snapshots after this many logged commands
 * @param idleTimeoutSeconds a room with nobody online and no command for this long is unloaded
 * @param resyncWindow how many recent commands a room keeps to answer a reconnect with the events it missed
 * @param maxCommandBytes largest command message accepted, in bytes of JSON
 * @param maxPendingCommands commands a room holds unwritten before it answers UNAVAILABLE
 * @param maxCommandsInFlight client commands this node holds unanswered, across all rooms, before it
 *     refuses new ones with UNAVAILABLE and {@code retryAfterMs}
 * @param maxSocketCommandsInFlight client commands one socket may have unanswered before its next is refused
 * @param maxSocketOutboundBytes bytes queued towards one socket before it counts as too slow and is closed
 *     with 4002 (reconnect and resync)
 * @param maxStoreBacklogMs the store's oldest unacknowledged write may be this old before new commands are refused
 * @param maxEventLoopLagMs an event loop may run this late before new commands are refused
 * @param retryAfterMs the least {@code retryAfterMs} a refused command is told to wait
 * @param commandsPerSecond sustained commands per second one socket may send
 * @param commandBurst commands one socket may send at once above that rate
 * @param roomCreatesPerMinute sustained {@code POST /api/rooms} per client address per minute
 * @param roomCreateBurst room creations one client address may make at once above that rate
 * @param joinsPerMinute sustained joins ({@code POST /api/join}, and join-code QR codes) per client address per minute
 * @param joinBurst joins one client address may make at once above that rate
 * @param trustedProxies comma-separated addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For}
 *     names the client; empty (the default) trusts nobody's and limits by the TCP peer
 * @param clusterEnabled join a Hazelcast cluster; otherwise this node is alone and rooms are claimed locally
 * @param clusterName members only join members of the same cluster name
 * @param clusterHost address this member binds and advertises to the others (cluster and event bus)
 * @param clusterPort first Hazelcast port tried
 * @param clusterPortCount how many ports from {@code clusterPort} on are tried
 * @param clusterMembers comma-separated {@code host} or {@code host:port} of the members to join (TCP-IP, no multicast)
 * @param clusterFailureSeconds a member silent for this long is declared dead and its rooms taken over
 * @param eventBusPort TCP port of the clustered event bus; 0 picks a free one
 * @param logFormat {@code text} for people, {@code json} (one object per line) for log collectors
 * @param smtpHost SMTP server that sends email notifications; empty means none (email notifications fail
 *     with {@code NOT_CONFIGURED})
 * @param smtpPort its port
 * @param smtpFrom the notifications' sender address; required with {@code smtpHost}
 * @param smtpUsername login at the SMTP server; empty means none
 * @param smtpPassword its password (a secret: never logged, never in {@link #toString})
 * @param smtpStarttls {@code disabled}, {@code optional} or {@code required}
 * @param allowPrivateWebhooks accept chat-robot webhooks on loopback, private or link-local addresses, and
 *     over plain {@code http} (tests, a private deployment of the service); off by default
 * @param storeStartTimeoutSeconds how long start-up waits for a store that does not answer yet (its host
 *     starting beside this node) before failing with a message naming it
 * @param jobLeaseSeconds how long a node's claim on a scheduled job lasts unless renewed (it is renewed every
 *     third of it while the job runs; a job whose node died is freed at once when the cluster sees it go)
 * @param jobRetryBaseSeconds wait before the second run of a job whose first failed; doubled per failure
 * @param jobRetryCapSeconds the longest wait between two runs of a failing job
 * @param jobMaxAttempts runs of a job before a failing one is recorded as failed for good
 * @param jobPollSeconds the job queue's safety poll (its timer looks twice as far ahead)
 * @param jobHandlerTimeoutSeconds a job run that takes longer counts as failed and is retried
 * @param jobMaxRunning jobs one node runs at once
 * @param preReadMaxBytes largest pre-read file a series' coordinator may upload, in bytes (it is held in memory
 *     while it is stored or served, so at most {@link #MAX_PRE_READ_BYTES})
 */
public record RoundtableConfig(
    String httpHost,
    int httpPort,
    String publicUrl,
    String mongoUri,
    String mongoDatabase,
    Path dataDir,
    String embeddedMongoHost,
    int embeddedMongoPort,
    String jwtSecret,
    long tokenTtlSeconds,
    long downloadTokenTtlSeconds,
    int speakerLimitSeconds,
    int snapshotEvery,
    long idleTimeoutSeconds,
    int resyncWindow,
    int maxCommandBytes,
    int maxPendingCommands,
    int maxCommandsInFlight,
    int maxSocketCommandsInFlight,
    int maxSocketOutboundBytes,
    long maxStoreBacklogMs,
    long maxEventLoopLagMs,
    long retryAfterMs,
    int commandsPerSecond,
    int commandBurst,
    int roomCreatesPerMinute,
    int roomCreateBurst,
    int joinsPerMinute,
    int joinBurst,
    String trustedProxies,
    boolean clusterEnabled,
    String clusterName,
    String clusterHost,
    int clusterPort,
    int clusterPortCount,
    String clusterMembers,
    int clusterFailureSeconds,
    int eventBusPort,
    String logFormat,
    String smtpHost,
    int smtpPort,
    String smtpFrom,
    String smtpUsername,
    String smtpPassword,
    String smtpStarttls,
    boolean allowPrivateWebhooks,
    int storeStartTimeoutSeconds,
    int jobLeaseSeconds,
    int jobRetryBaseSeconds,
    int jobRetryCapSeconds,
    int jobMaxAttempts,
    int jobPollSeconds,
    int jobHandlerTimeoutSeconds,
    int jobMaxRunning,
    int preReadMaxBytes) {

  public static final String DEFAULT_HTTP_HOST = "0.0.0.0";
  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final String DEFAULT_MONGO_DATABASE = "roundtable";
  public static final String DEFAULT_DATA_DIR = "data";
  public static final String DEFAULT_EMBEDDED_MONGO_HOST = "127.0.0.1";
  public static final long DEFAULT_TOKEN_TTL_SECONDS = 7 * 24 * 3600;
  /** Long enough to click a link and save the file; short enough that a forwarded link soon stops working. */
  public static final long DEFAULT_DOWNLOAD_TOKEN_TTL_SECONDS = 15 * 60;
  public static final long MAX_DOWNLOAD_TOKEN_TTL_SECONDS = 24 * 3600;
  public static final int DEFAULT_SPEAKER_LIMIT_SECONDS = Limits.DEFAULT_SPEAKER_LIMIT_SECONDS;
  public static final int DEFAULT_SNAPSHOT_EVERY = 200;
  public static final long DEFAULT_IDLE_TIMEOUT_SECONDS = 600;
  public static final int DEFAULT_RESYNC_WINDOW = 1_000;
  public static final int DEFAULT_MAX_COMMAND_BYTES = 16 * 1024;
  public static final int DEFAULT_MAX_PENDING_COMMANDS = 10_000;
  public static final int DEFAULT_MAX_COMMANDS_IN_FLIGHT = 1_000;
  /**
   * A person's client has a handful of commands outstanding; a burst of a few hundred (a pasted board, a
   * reconnect resending its outbox) must still pass. Half the node's budget: one socket cannot take it all.
   */
  public static final int DEFAULT_MAX_SOCKET_COMMANDS_IN_FLIGHT = 512;
  public static final int DEFAULT_MAX_SOCKET_OUTBOUND_BYTES = 1024 * 1024;
  public static final long DEFAULT_MAX_STORE_BACKLOG_MS = 2_000;
  public static final long DEFAULT_MAX_EVENT_LOOP_LAG_MS = 1_000;
  public static final long DEFAULT_RETRY_AFTER_MS = 1_000;
  public static final int DEFAULT_COMMANDS_PER_SECOND = 50;
  public static final int DEFAULT_COMMAND_BURST = 100;
  /** Nobody creates meetings by the dozen; a script filling the store does. */
  public static final int DEFAULT_ROOM_CREATES_PER_MINUTE = 10;
  public static final int DEFAULT_ROOM_CREATE_BURST = 20;
  /**
   * A whole office behind one NAT address joins in the same minute: 100 at once, then 2 a second (200 people
   * in under a minute). One address guessing six-character join codes (32^6) at that pace, with 1 000 rooms
   * stored, hits one about every six days.
   */
  public static final int DEFAULT_JOINS_PER_MINUTE = 120;
  public static final int DEFAULT_JOIN_BURST = 100;
  public static final String DEFAULT_CLUSTER_NAME = "roundtable";
  public static final String DEFAULT_CLUSTER_HOST = "127.0.0.1";
  public static final int DEFAULT_CLUSTER_PORT = 5701;
  public static final int DEFAULT_CLUSTER_PORT_COUNT = 20;
  /** Hazelcast's own default is 60 s: far too long for a meeting that waits on its room. */
  public static final int DEFAULT_CLUSTER_FAILURE_SECONDS = 5;
  public static final String DEFAULT_LOG_FORMAT = "text";
  /** Several nodes and their store host starting on one busy machine take tens of seconds, not minutes. */
  public static final int DEFAULT_STORE_START_TIMEOUT_SECONDS = 60;
  public static final int DEFAULT_JOB_LEASE_SECONDS = 30;
  public static final int DEFAULT_JOB_RETRY_BASE_SECONDS = 10;
  public static final int DEFAULT_JOB_RETRY_CAP_SECONDS = 3_600;
  public static final int DEFAULT_JOB_MAX_ATTEMPTS = 10;
  /** Only a safety net: the queue's timer fires each job on time, and departures free jobs at once. */
  public static final int DEFAULT_JOB_POLL_SECONDS = 60;
  public static final int DEFAULT_JOB_HANDLER_TIMEOUT_SECONDS = 60;
  public static final int DEFAULT_JOB_MAX_RUNNING = 64;
  /** An agenda's spreadsheet or slides; larger material belongs on a shared drive, linked. */
  public static final int DEFAULT_PRE_READ_MAX_BYTES = 10 * 1024 * 1024;
  public static final int MAX_PRE_READ_BYTES = 64 * 1024 * 1024;
  private static final java.util.Set<String> LOG_FORMATS = java.util.Set.of("text", "json");
  /** Submission with STARTTLS, what mail providers give their users. */
  public static final int DEFAULT_SMTP_PORT = 587;
  public static final String DEFAULT_SMTP_STARTTLS = "optional";
  private static final java.util.Set<String> STARTTLS = java.util.Set.of("disabled", "optional", "required");

  private static final java.util.Set<String> ANY_ADDRESS = java.util.Set.of("0.0.0.0", "::", "[::]");

  private static final String ENV_PREFIX = "ROUNDTABLE_";

  /** Environment variable naming the JSON config file. */
  public static final String FILE_VARIABLE = "ROUNDTABLE_CONFIG";

  public RoundtableConfig {
    List<String> problems = new ArrayList<>();
    port(problems, "httpPort", httpPort);
    port(problems, "embeddedMongoPort", embeddedMongoPort);
    positive(problems, "tokenTtlSeconds", tokenTtlSeconds);
    if (downloadTokenTtlSeconds < 1 || downloadTokenTtlSeconds > MAX_DOWNLOAD_TOKEN_TTL_SECONDS) {
      problems.add("downloadTokenTtlSeconds must be between 1 and " + MAX_DOWNLOAD_TOKEN_TTL_SECONDS + ", not "
          + downloadTokenTtlSeconds);
    }
    if (speakerLimitSeconds < Limits.MIN_SPEAKER_LIMIT_SECONDS || speakerLimitSeconds > Limits.MAX_SPEAKER_LIMIT_SECONDS) {
      problems.add("speakerLimitSeconds must be between " + Limits.MIN_SPEAKER_LIMIT_SECONDS + " and "
          + Limits.MAX_SPEAKER_LIMIT_SECONDS + ", not " + speakerLimitSeconds);
    }
    positive(problems, "snapshotEvery", snapshotEvery);
    positive(problems, "idleTimeoutSeconds", idleTimeoutSeconds);
    positive(problems, "resyncWindow", resyncWindow);
    positive(problems, "maxCommandBytes", maxCommandBytes);
    positive(problems, "maxPendingCommands", maxPendingCommands);
    positive(problems, "maxCommandsInFlight", maxCommandsInFlight);
    positive(problems, "maxSocketCommandsInFlight", maxSocketCommandsInFlight);
    positive(problems, "maxSocketOutboundBytes", maxSocketOutboundBytes);
    positive(problems, "maxStoreBacklogMs", maxStoreBacklogMs);
    positive(problems, "maxEventLoopLagMs", maxEventLoopLagMs);
    positive(problems, "retryAfterMs", retryAfterMs);
    positive(problems, "commandsPerSecond", commandsPerSecond);
    positive(problems, "commandBurst", commandBurst);
    positive(problems, "roomCreatesPerMinute", roomCreatesPerMinute);
    positive(problems, "roomCreateBurst", roomCreateBurst);
    positive(problems, "joinsPerMinute", joinsPerMinute);
    positive(problems, "joinBurst", joinBurst);
    for (String proxy : splitMembers(trustedProxies)) {
      if (AddressRange.parse(proxy).isEmpty()) {
        problems.add("trustedProxies: \"" + proxy + "\" is not an IP address or CIDR range (names are not resolved)");
      }
    }
    port(problems, "clusterPort", clusterPort);
    port(problems, "eventBusPort", eventBusPort);
    if (clusterPortCount < 1 || clusterPortCount > 1_000) {
      problems.add("clusterPortCount must be between 1 and 1000, not " + clusterPortCount);
    }
    if (clusterFailureSeconds < 2 || clusterFailureSeconds > 300) {
      problems.add("clusterFailureSeconds must be between 2 and 300, not " + clusterFailureSeconds);
    }
    if (clusterName == null || clusterName.isBlank()) {
      problems.add("clusterName must not be empty");
    }
    if (clusterHost == null || clusterHost.isBlank()) {
      problems.add("clusterHost must not be empty");
    }
    if (clusterEnabled && (jwtSecret == null || jwtSecret.isEmpty())) {
      problems.add("jwtSecret must be set when clusterEnabled: every node must verify the tokens the others issue");
    }
    if (clusterEnabled) {
      clusterMemberProblems(clusterMembers, problems);
    }
    if (!LOG_FORMATS.contains(logFormat)) {
      problems.add("logFormat must be one of " + new java.util.TreeSet<>(LOG_FORMATS) + ", not " + logFormat);
    }
    if (storeStartTimeoutSeconds < 1 || storeStartTimeoutSeconds > 3_600) {
      problems.add("storeStartTimeoutSeconds must be between 1 and 3600, not " + storeStartTimeoutSeconds);
    }
    jobProblems(problems, jobLeaseSeconds, jobRetryBaseSeconds, jobRetryCapSeconds, jobMaxAttempts, jobPollSeconds,
        jobHandlerTimeoutSeconds, jobMaxRunning);
    between(problems, "preReadMaxBytes", preReadMaxBytes, 1, MAX_PRE_READ_BYTES);
    if (httpHost == null || httpHost.isBlank()) {
      problems.add("httpHost must not be empty");
    }
    if (mongoDatabase == null || mongoDatabase.isBlank()) {
      problems.add("mongoDatabase must not be empty");
    }
    if (jwtSecret != null && !jwtSecret.isEmpty() && jwtSecret.length() < 32) {
      problems.add("jwtSecret must be at least 32 characters");
    }
    port(problems, "smtpPort", smtpPort);
    if (smtpPort == 0) {
      problems.add("smtpPort must not be 0");
    }
    if (!STARTTLS.contains(smtpStarttls)) {
      problems.add("smtpStarttls must be one of " + new java.util.TreeSet<>(STARTTLS) + ", not " + smtpStarttls);
    }
    if (smtpHost != null && !smtpHost.isBlank()
        && (smtpFrom == null || !smtpFrom.matches("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+"))) {
      problems.add("smtpFrom must be an email address (name@example.org) when smtpHost is set");
    }
    if ((smtpPassword != null && !smtpPassword.isEmpty()) && (smtpUsername == null || smtpUsername.isEmpty())) {
      problems.add("smtpPassword needs smtpUsername");
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(String.join("; ", problems));
    }
    publicUrl = publicUrl == null ? "" : publicUrl;
    mongoUri = mongoUri == null ? "" : mongoUri;
    jwtSecret = jwtSecret == null ? "" : jwtSecret;
    clusterMembers = clusterMembers == null ? "" : clusterMembers;
    trustedProxies = trustedProxies == null ? "" : trustedProxies;
    smtpHost = smtpHost == null ? "" : smtpHost.strip();
    smtpFrom = smtpFrom == null ? "" : smtpFrom;
    smtpUsername = smtpUsername == null ? "" : smtpUsername;
    smtpPassword = smtpPassword == null ? "" : smtpPassword;
  }

  /** Every component, the secrets ({@code jwtSecret}, {@code smtpPassword}) shown only as set or not. */
  @Override
  public String toString() {
    JsonObject json = toJson();
    for (String secret : List.of("jwtSecret", "smtpPassword")) {
      json.put(secret, json.getString(secret).isEmpty() ? "" : "(set)");
    }
    return "RoundtableConfig" + json.encode();
  }

  /** Static: a compact constructor's fields are not assigned until it ends, so the values come as arguments. */
  private static void jobProblems(List<String> problems, int jobLeaseSeconds, int jobRetryBaseSeconds,
      int jobRetryCapSeconds, int jobMaxAttempts, int jobPollSeconds, int jobHandlerTimeoutSeconds,
      int jobMaxRunning) {
    between(problems, "jobLeaseSeconds", jobLeaseSeconds, 3, 3_600);
    between(problems, "jobRetryBaseSeconds", jobRetryBaseSeconds, 1, 86_400);
    between(problems, "jobRetryCapSeconds", jobRetryCapSeconds, 1, 7 * 86_400);
    if (jobRetryCapSeconds < jobRetryBaseSeconds) {
      problems.add("jobRetryCapSeconds must not be less than jobRetryBaseSeconds (" + jobRetryBaseSeconds + ")");
    }
    between(problems, "jobMaxAttempts", jobMaxAttempts, 1, 1_000);
    between(problems, "jobPollSeconds", jobPollSeconds, 1, 3_600);
    between(problems, "jobHandlerTimeoutSeconds", jobHandlerTimeoutSeconds, 1, 3_600);
    between(problems, "jobMaxRunning", jobMaxRunning, 1, 10_000);
  }

  private static void between(List<String> problems, String name, long value, long min, long max) {
    if (value < min || value > max) {
      problems.add(name + " must be between " + min + " and " + max + ", not " + value);
    }
  }

  /** The reverse proxies whose {@code X-Forwarded-For} is believed, as configured (validated above). */
  public List<AddressRange> trustedProxyRanges() {
    return splitMembers(trustedProxies).stream().map(p -> AddressRange.parse(p).orElseThrow()).toList();
  }

  /** The members to join, each {@code host} or {@code host:port}, as configured. */
  public List<String> clusterMemberList() {
    return splitMembers(clusterMembers);
  }

  private static List<String> splitMembers(String members) {
    return members == null ? List.of()
        : java.util.Arrays.stream(members.split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
  }

  private static void clusterMemberProblems(String members, List<String> problems) {
    List<String> list = splitMembers(members);
    if (list.isEmpty()) {
      problems.add("clusterMembers must name at least one member when clusterEnabled");
    }
    for (String member : list) {
      if (!member.matches("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?")) {
        problems.add("clusterMembers: \"" + member + "\" is not host or host:port");
      }
    }
  }

  public static RoundtableConfig defaults() {
    return fromJson(new JsonObject());
  }

  /** Defaults, then the file named by {@value #FILE_VARIABLE} (if set), then the environment. */
  public static RoundtableConfig load(Map<String, String> env) {
    JsonObject json = new JsonObject();
    String file = env.get(FILE_VARIABLE);
    if (file != null && !file.isBlank()) {
      json.mergeIn(readFile(Path.of(file)));
    }
    return fromJson(json.mergeIn(fromEnvironment(env)));
  }

  public String effectivePublicUrl(int boundPort) {
    if (!publicUrl.isEmpty()) {
      return publicUrl;
    }
    String host = ANY_ADDRESS.contains(httpHost) ? "localhost" : httpHost.contains(":") ? "[" + httpHost + "]" : httpHost;
    return "http://" + host + ":" + boundPort + "/";
  }

  public boolean embeddedStore() {
    return mongoUri.isEmpty();
  }

  /** A copy with other values for some components, given as JSON (tests and tools use this). */
  public RoundtableConfig with(JsonObject overrides) {
    return fromJson(toJson().mergeIn(overrides));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("httpHost", httpHost).put("httpPort", httpPort).put("publicUrl", publicUrl)
        .put("mongoUri", mongoUri).put("mongoDatabase", mongoDatabase).put("dataDir", dataDir.toString())
        .put("embeddedMongoHost", embeddedMongoHost).put("embeddedMongoPort", embeddedMongoPort)
        .put("jwtSecret", jwtSecret).put("tokenTtlSeconds", tokenTtlSeconds)
        .put("downloadTokenTtlSeconds", downloadTokenTtlSeconds)
        .put("speakerLimitSeconds", speakerLimitSeconds).put("snapshotEvery", snapshotEvery)
        .put("idleTimeoutSeconds", idleTimeoutSeconds).put("resyncWindow", resyncWindow)
        .put("maxCommandBytes", maxCommandBytes).put("maxPendingCommands", maxPendingCommands)
        .put("maxCommandsInFlight", maxCommandsInFlight).put("maxSocketCommandsInFlight", maxSocketCommandsInFlight)
        .put("maxSocketOutboundBytes", maxSocketOutboundBytes).put("maxStoreBacklogMs", maxStoreBacklogMs)
        .put("maxEventLoopLagMs", maxEventLoopLagMs).put("retryAfterMs", retryAfterMs)
        .put("commandsPerSecond", commandsPerSecond).put("commandBurst", commandBurst)
        .put("roomCreatesPerMinute", roomCreatesPerMinute).put("roomCreateBurst", roomCreateBurst)
        .put("joinsPerMinute", joinsPerMinute).put("joinBurst", joinBurst).put("trustedProxies", trustedProxies)
        .put("clusterEnabled", clusterEnabled).put("clusterName", clusterName).put("clusterHost", clusterHost)
        .put("clusterPort", clusterPort).put("clusterPortCount", clusterPortCount)
        .put("clusterMembers", clusterMembers).put("clusterFailureSeconds", clusterFailureSeconds)
        .put("eventBusPort", eventBusPort).put("logFormat", logFormat)
        .put("smtpHost", smtpHost).put("smtpPort", smtpPort).put("smtpFrom", smtpFrom)
        .put("smtpUsername", smtpUsername).put("smtpPassword", smtpPassword).put("smtpStarttls", smtpStarttls)
        .put("allowPrivateWebhooks", allowPrivateWebhooks)
        .put("storeStartTimeoutSeconds", storeStartTimeoutSeconds)
        .put("jobLeaseSeconds", jobLeaseSeconds).put("jobRetryBaseSeconds", jobRetryBaseSeconds)
        .put("jobRetryCapSeconds", jobRetryCapSeconds).put("jobMaxAttempts", jobMaxAttempts)
        .put("jobPollSeconds", jobPollSeconds).put("jobHandlerTimeoutSeconds", jobHandlerTimeoutSeconds)
        .put("jobMaxRunning", jobMaxRunning).put("preReadMaxBytes", preReadMaxBytes);
  }

  static RoundtableConfig fromJson(JsonObject j) {
    Fields f = new Fields(j);
    RoundtableConfig config = new RoundtableConfig(
        f.string("httpHost", DEFAULT_HTTP_HOST),
        f.integer("httpPort", DEFAULT_HTTP_PORT),
        f.string("publicUrl", ""),
        f.string("mongoUri", ""),
        f.string("mongoDatabase", DEFAULT_MONGO_DATABASE),
        Path.of(f.string("dataDir", DEFAULT_DATA_DIR)),
        f.string("embeddedMongoHost", DEFAULT_EMBEDDED_MONGO_HOST),
        f.integer("embeddedMongoPort", 0),
        f.string("jwtSecret", ""),
        f.longValue("tokenTtlSeconds", DEFAULT_TOKEN_TTL_SECONDS),
        f.longValue("downloadTokenTtlSeconds", DEFAULT_DOWNLOAD_TOKEN_TTL_SECONDS),
        f.integer("speakerLimitSeconds", DEFAULT_SPEAKER_LIMIT_SECONDS),
        f.integer("snapshotEvery", DEFAULT_SNAPSHOT_EVERY),
        f.longValue("idleTimeoutSeconds", DEFAULT_IDLE_TIMEOUT_SECONDS),
        f.integer("resyncWindow", DEFAULT_RESYNC_WINDOW),
        f.integer("maxCommandBytes", DEFAULT_MAX_COMMAND_BYTES),
        f.integer("maxPendingCommands", DEFAULT_MAX_PENDING_COMMANDS),
        f.integer("maxCommandsInFlight", DEFAULT_MAX_COMMANDS_IN_FLIGHT),
        f.integer("maxSocketCommandsInFlight", DEFAULT_MAX_SOCKET_COMMANDS_IN_FLIGHT),
        f.integer("maxSocketOutboundBytes", DEFAULT_MAX_SOCKET_OUTBOUND_BYTES),
        f.longValue("maxStoreBacklogMs", DEFAULT_MAX_STORE_BACKLOG_MS),
        f.longValue("maxEventLoopLagMs", DEFAULT_MAX_EVENT_LOOP_LAG_MS),
        f.longValue("retryAfterMs", DEFAULT_RETRY_AFTER_MS),
        f.integer("commandsPerSecond", DEFAULT_COMMANDS_PER_SECOND),
        f.integer("commandBurst", DEFAULT_COMMAND_BURST),
        f.integer("roomCreatesPerMinute", DEFAULT_ROOM_CREATES_PER_MINUTE),
        f.integer("roomCreateBurst", DEFAULT_ROOM_CREATE_BURST),
        f.integer("joinsPerMinute", DEFAULT_JOINS_PER_MINUTE),
        f.integer("joinBurst", DEFAULT_JOIN_BURST),
        f.string("trustedProxies", ""),
        f.bool("clusterEnabled", false),
        f.string("clusterName", DEFAULT_CLUSTER_NAME),
        f.string("clusterHost", DEFAULT_CLUSTER_HOST),
        f.integer("clusterPort", DEFAULT_CLUSTER_PORT),
        f.integer("clusterPortCount", DEFAULT_CLUSTER_PORT_COUNT),
        f.string("clusterMembers", ""),
        f.integer("clusterFailureSeconds", DEFAULT_CLUSTER_FAILURE_SECONDS),
        f.integer("eventBusPort", 0),
        f.string("logFormat", DEFAULT_LOG_FORMAT),
        f.string("smtpHost", ""),
        f.integer("smtpPort", DEFAULT_SMTP_PORT),
        f.string("smtpFrom", ""),
        f.string("smtpUsername", ""),
        f.string("smtpPassword", ""),
        f.string("smtpStarttls", DEFAULT_SMTP_STARTTLS),
        f.bool("allowPrivateWebhooks", false),
        f.integer("storeStartTimeoutSeconds", DEFAULT_STORE_START_TIMEOUT_SECONDS),
        f.integer("jobLeaseSeconds", DEFAULT_JOB_LEASE_SECONDS),
        f.integer("jobRetryBaseSeconds", DEFAULT_JOB_RETRY_BASE_SECONDS),
        f.integer("jobRetryCapSeconds", DEFAULT_JOB_RETRY_CAP_SECONDS),
        f.integer("jobMaxAttempts", DEFAULT_JOB_MAX_ATTEMPTS),
        f.integer("jobPollSeconds", DEFAULT_JOB_POLL_SECONDS),
        f.integer("jobHandlerTimeoutSeconds", DEFAULT_JOB_HANDLER_TIMEOUT_SECONDS),
        f.integer("jobMaxRunning", DEFAULT_JOB_MAX_RUNNING),
        f.integer("preReadMaxBytes", DEFAULT_PRE_READ_MAX_BYTES));
    f.rejectUnknown();
    return config;
  }

  private static JsonObject readFile(Path path) {
    try {
      return new JsonObject(Files.readString(path));
    } catch (IOException e) {
      throw new InvalidConfigException("cannot read config file " + path + ": " + e.getMessage());
    } catch (DecodeException | ClassCastException e) {
      throw new InvalidConfigException("config file " + path + " is not a JSON object: " + e.getMessage());
    }
  }

  /** Reads {@code ROUNDTABLE_*} variables; one that names no key is refused, as a typo would be lost silently. */
  private static JsonObject fromEnvironment(Map<String, String> env) {
    JsonObject json = new JsonObject();
    Map<String, String> keysByVariable = new java.util.HashMap<>();
    for (String key : defaults().toJson().fieldNames()) {
      keysByVariable.put(ENV_PREFIX + upperSnake(key), key);
    }
    env.forEach((variable, value) -> {
      if (variable.startsWith(ENV_PREFIX) && !variable.equals(FILE_VARIABLE)) {
        String key = keysByVariable.get(variable);
        if (key == null) {
          throw new InvalidConfigException("unknown environment variable " + variable);
        }
        json.put(key, value);
      }
    });
    String mongoUri = env.get("MONGO_URI");
    if (mongoUri != null) {
      json.put("mongoUri", mongoUri);
    }
    return json;
  }

  static String upperSnake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  private static void port(List<String> problems, String name, int value) {
    if (value < 0 || value > 65_535) {
      problems.add(name + " must be between 0 and 65535, not " + value);
    }
  }

  private static void positive(List<String> problems, String name, long value) {
    if (value <= 0) {
      problems.add(name + " must be positive, not " + value);
    }
  }

  /** Reads typed values from JSON where numbers may also arrive as strings (environment variables). */
  private static final class Fields {
    private final JsonObject json;
    private final java.util.Set<String> read = new java.util.HashSet<>();

    Fields(JsonObject json) {
      this.json = json;
    }

    String string(String key, String fallback) {
      read.add(key);
      Object v = json.getValue(key);
      if (v == null) {
        return fallback;
      }
      if (!(v instanceof String s)) {
        throw new InvalidConfigException(key + " must be a string");
      }
      return s;
    }

    int integer(String key, int fallback) {
      long v = longValue(key, fallback);
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new InvalidConfigException(key + " is out of range");
      }
      return (int) v;
    }

    long longValue(String key, long fallback) {
      read.add(key);
      Object v = json.getValue(key);
      if (v == null) {
        return fallback;
      }
      if (v instanceof Number n && n.doubleValue() == n.longValue()) {
        return n.longValue();
      }
      if (v instanceof String s) {
        try {
          return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
          throw new InvalidConfigException(key + " must be a whole number, not \"" + s + "\"");
        }
      }
      throw new InvalidConfigException(key + " must be a whole number");
    }

    boolean bool(String key, boolean fallback) {
      read.add(key);
      Object v = json.getValue(key);
      if (v == null) {
        return fallback;
      }
      if (v instanceof Boolean b) {
        return b;
      }
      if (v instanceof String s && (s.strip().equals("true") || s.strip().equals("false"))) {
        return Boolean.parseBoolean(s.strip());
      }
      throw new InvalidConfigException(key + " must be true or false, not " + v);
    }

    void rejectUnknown() {
      for (String key : json.fieldNames()) {
        if (!read.contains(key)) {
          throw new InvalidConfigException("unknown config key " + key);
        }
      }
    }
  }
}
