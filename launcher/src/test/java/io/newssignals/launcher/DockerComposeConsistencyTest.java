package io.newssignals.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.newssignals.alerts.webhooks.WebhookSubscriptions;
import io.newssignals.config.Settings;
import io.newssignals.ingest.FeedsConfig;
import io.newssignals.ingest.IngestConfig;
import io.newssignals.topics.KafkaConnection;
import io.newssignals.topics.Topic;
import io.newssignals.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * docker-compose.yml must not drift from the code: every service command is a real {@code pipeline} subcommand,
 * every environment variable a service sets is declared by its settings ({@link SettingsHelp#BY_COMMAND}: the
 * service's config class, the shared Kafka and operations settings) with a value inside the declared range, and
 * the topic-creation service creates exactly the topics of {@link Topics}, with their partitions and cleanup policy.
 */
class DockerComposeConsistencyTest {
  /** Declared settings of each service, by its top-level command. */
  private static final Map<String, List<Settings>> SERVICE_SETTINGS = SettingsHelp.BY_COMMAND;
  /** Read by the JVM itself, not by our code. */
  private static final Set<String> JVM_ENVIRONMENT = Set.of("JAVA_TOOL_OPTIONS");
  private static final Pattern CREATE_TOPIC = Pattern.compile("(?m)^\\s*create_topic\\s+(\\S+)\\s+(\\d+)\\s+(\\S+)\\s*$");

  private static JsonNode compose;
  private static JsonNode services;
  private static Map<String, JsonNode> appServices;

  @BeforeAll
  static void readComposeFile() throws IOException {
    compose = new ObjectMapper(new YAMLFactory()).readTree(composeFile().toFile());
    services = compose.get("services");
    assertThat(services).as("services of docker-compose.yml").isNotNull();
    appServices = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().has("build")) {
        appServices.put(e.getKey(), e.getValue());
      }
    }
  }

  @Test
  void shouldDeployIngestEnrichAndAlertsFromThisRepository() {
    assertThat(appServices.values().stream().map(s -> command(s).get(0)).toList())
        .containsExactlyInAnyOrder("ingest", "enrich", "alerts");
  }

  @Test
  void shouldRunOnlyRealPipelineSubcommandsWithValidOptions() {
    appServices.forEach((name, service) -> {
      List<String> command = command(service);
      CommandLine cli = Pipeline.commandLine();
      for (String word : command) {
        if (word.startsWith("-")) {
          break;
        }
        cli = cli.getSubcommands().get(word);
        assertThat(cli).as("service %s: '%s' is not a pipeline subcommand", name, word).isNotNull();
      }
      assertThatCode(() -> Pipeline.commandLine().parseArgs(command.toArray(String[]::new)))
          .as("service %s: pipeline %s", name, String.join(" ", command))
          .doesNotThrowAnyException();
    });
  }

  @Test
  void shouldSetOnlyEnvironmentVariablesTheServiceDeclares() {
    appServices.forEach((name, service) -> {
      String top = command(service).get(0);
      assertThat(SERVICE_SETTINGS).as("settings of service %s (command %s)", name, top).containsKey(top);
      assertThat(undeclared(top, environment(service))).as("variables of service %s that command %s does not declare",
          name, top).isEmpty();
    });
  }

  @Test
  void shouldCatchAVariableNoSettingDeclares() {
    // the check above is only worth something if it fails on a misspelt or foreign variable
    assertThat(undeclared("ingest", Map.of("INGEST_POLL_INTERVALL", "5m", "ALERTS_REORDER_QUIET", "50ms",
        "INGEST_POLL_INTERVAL", "5m", "PIPELINE_HTTP_PORT", "8080", "JAVA_TOOL_OPTIONS", "-Xmx1g")))
        .containsExactlyInAnyOrder("INGEST_POLL_INTERVALL", "ALERTS_REORDER_QUIET");
  }

  @Test
  void shouldSetOnlyValuesInsideTheDeclaredRanges() {
    appServices.forEach((name, service) -> {
      Map<String, String> env = environment(service);
      for (Settings group : SERVICE_SETTINGS.get(command(service).get(0))) {
        assertThatCode(() -> group.validate(env)).as("environment of service %s", name).doesNotThrowAnyException();
      }
    });
  }

  @Test
  void shouldPointEveryServiceAtTheBrokersOfTheFile() {
    appServices.forEach((name, service) -> {
      String bootstrap = environment(service).get(KafkaConnection.BOOTSTRAP_ENV);
      assertThat(bootstrap).as("%s of service %s", KafkaConnection.BOOTSTRAP_ENV, name).isNotBlank();
      for (String hostPort : bootstrap.split(",")) {
        assertThat(services.has(hostPort.split(":")[0])).as("service %s: broker %s", name, hostPort).isTrue();
      }
      assertThat(environment(service).get(KafkaConnection.REPLICATION_ENV)).as("service %s", name).isEqualTo("3");
    });
  }

  @Test
  void shouldScaleTheStreamsServicesToSeveralInstances() {
    appServices.forEach((name, service) -> {
      String top = command(service).get(0);
      if (top.equals("enrich") || top.equals("alerts")) {
        assertThat(service.at("/deploy/replicas").asInt()).as("replicas of %s", name).isGreaterThanOrEqualTo(2);
      }
    });
  }

  @Test
  void shouldNotHideServiceSettingsBehindYamlMergeKeys() {
    appServices.forEach((name, service) -> {
      assertThat(service.has("<<")).as("service %s uses a YAML merge key", name).isFalse();
      assertThat(service.path("environment").has("<<")).as("environment of %s uses a YAML merge key", name).isFalse();
    });
  }

  @Test
  void shouldCreateExactlyTheRegistryTopicsWithTheirPartitionsAndCleanupPolicy() {
    Map<String, String> created = new TreeMap<>();
    for (JsonNode service : services) {
      for (String word : command(service)) {
        Matcher m = CREATE_TOPIC.matcher(word);
        while (m.find()) {
          created.put(m.group(1), m.group(2) + " " + m.group(3));
        }
      }
    }
    Map<String, String> expected = new TreeMap<>();
    for (Topic<?, ?> t : Topics.all()) {
      expected.put(t.name(), t.partitions() + " " + (t.compacted() ? "compact" : "delete"));
    }
    assertThat(created).isEqualTo(expected);
  }

  @Test
  void shouldShipAFeedsFileIngestAccepts(@TempDir Path dir) throws IOException {
    Path feeds = dir.resolve("feeds.yaml");
    Files.writeString(feeds, inlineConfig("feeds"));

    FeedsConfig.Loaded loaded = FeedsConfig.load(feeds, IngestConfig.DEFAULT_POLL_INTERVAL, Set.of("http", "https"));

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.feeds()).isNotEmpty();
  }

  @Test
  void shouldShipAWebhooksFileAlertsAccepts() {
    assertThatCode(() -> WebhookSubscriptions.parse(inlineConfig("webhooks"), false, "webhooks"))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldMountEveryInlineConfigWhereTheServiceLooksForIt() {
    appServices.forEach((name, service) -> service.path("configs").forEach(c -> {
      String target = c.get("target").asText();
      assertThat(environment(service).values()).as("service %s mounts %s", name, target).contains(target);
      assertThat(compose.path("configs").has(c.get("source").asText())).isTrue();
    }));
  }

  /** The variables of {@code env} that no setting of {@code command} declares (and the JVM does not read). */
  private static Set<String> undeclared(String command, Map<String, String> env) {
    Set<String> allowed = new HashSet<>(JVM_ENVIRONMENT);
    SERVICE_SETTINGS.get(command).forEach(g -> allowed.addAll(g.envNames()));
    Set<String> unknown = new HashSet<>(env.keySet());
    unknown.removeAll(allowed);
    return unknown;
  }

  private static String inlineConfig(String name) {
    JsonNode content = compose.path("configs").path(name).path("content");
    assertThat(content.isTextual()).as("configs.%s.content", name).isTrue();
    return content.asText();
  }

  private static List<String> command(JsonNode service) {
    JsonNode c = service.get("command");
    List<String> words = new ArrayList<>();
    if (c == null) {
      return words;
    }
    if (c.isTextual()) {
      fail("write commands as lists, not as a string: " + c.asText());
    }
    c.forEach(w -> words.add(w.asText()));
    return words;
  }

  private static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode e = service.get("environment");
    if (e == null) {
      return env;
    }
    if (e.isArray()) {
      e.forEach(kv -> {
        String[] parts = kv.asText().split("=", 2);
        env.put(parts[0], parts.length > 1 ? parts[1] : "");
      });
    } else {
      e.fields().forEachRemaining(kv -> env.put(kv.getKey(), kv.getValue().asText()));
    }
    return env;
  }

  private static Path composeFile() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path f = dir.resolve("docker-compose.yml");
      if (Files.isRegularFile(f)) {
        return f;
      }
    }
    throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
  }
}
