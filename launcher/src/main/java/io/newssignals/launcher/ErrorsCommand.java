package io.newssignals.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newssignals.schema.IngestError;
import io.newssignals.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code errors}: what went wrong while fetching and parsing feeds ({@code tail}). */
@Command(name = "errors", mixinStandardHelpOptions = true, subcommands = {ErrorsCommand.Tail.class},
    description = "Feed fetch and parse failures, from news.ingest.errors.")
public final class ErrorsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: tail");
  }

  /** {@code errors tail}: one JSON object per {@link IngestError}. */
  @Command(name = "tail", mixinStandardHelpOptions = true,
      description = {"Print the last failed feed fetches and parses (news.ingest.errors) as JSON Lines:",
          "{\"topic\",\"partition\",\"offset\",\"timestamp\",\"feedUrl\",\"kind\",\"httpStatus\",\"message\","
              + "\"attempt\",\"at\"}."})
  static final class Tail implements Callable<Integer> {
    @Mixin TailOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      return options.print(spec, List.of(Topics.INGEST_ERRORS.name()), Tail::json);
    }

    static String json(ConsumerRecord<byte[], byte[]> r) {
      ObjectNode n = RecordJson.envelope(r);
      try {
        IngestError e = Topics.INGEST_ERRORS.valueSerde().deserializer().deserialize(r.topic(), r.value());
        if (e != null) {
          return RecordJson.fields(e, n).toString();
        }
      } catch (RuntimeException e) {
        n.put("undecodable", e.getMessage());
      }
      n.put("feedUrl", r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8));
      RecordJson.putBytes(n, "value", r.value());
      return n.toString();
    }
  }
}
