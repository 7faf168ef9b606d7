package io.newssignals.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newssignals.schema.WebhookDeadLetter;
import io.newssignals.topics.DeadLetters;
import io.newssignals.topics.Topics;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dead-letters}: what the pipeline set aside ({@code tail}). */
@Command(name = "dead-letters", mixinStandardHelpOptions = true, subcommands = {DeadLettersCommand.Tail.class},
    description = "Records set aside: pipeline.dead-letter (unreadable records) and webhooks.dead-letter.")
public final class DeadLettersCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: tail");
  }

  /** {@code dead-letters tail}: one JSON object per dead letter of either topic, with why it was set aside. */
  @Command(name = "tail", mixinStandardHelpOptions = true,
      description = {"Print the last dead letters of pipeline.dead-letter and webhooks.dead-letter as JSON Lines:",
          "where each is, \"reason\", and for pipeline.dead-letter the source topic, partition and offset, the",
          "exception, every header and the original key and value; for webhooks.dead-letter the subscription, url,",
          "attempts, last status and payload."})
  static final class Tail implements Callable<Integer> {
    @Mixin TailOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      return options.print(spec, List.of(Topics.DEAD_LETTER.name(), Topics.WEBHOOK_DEAD_LETTER.name()), Tail::json);
    }

    static String json(ConsumerRecord<byte[], byte[]> r) {
      ObjectNode n = RecordJson.envelope(r);
      if (r.topic().equals(Topics.WEBHOOK_DEAD_LETTER.name())) {
        try {
          WebhookDeadLetter d =
              Topics.WEBHOOK_DEAD_LETTER.valueSerde().deserializer().deserialize(r.topic(), r.value());
          if (d != null) {
            RecordJson.fields(d, n);
            n.set("headers", RecordJson.headers(r));
            return n.toString();
          }
        } catch (RuntimeException e) {
          n.put("undecodable", e.getMessage());
        }
      } else {
        n.put("reason", header(r, DeadLetters.REASON));
        n.put("exception", header(r, DeadLetters.EXCEPTION));
        n.put("sourceTopic", header(r, DeadLetters.SOURCE_TOPIC));
        putNumber(n, "sourcePartition", header(r, DeadLetters.SOURCE_PARTITION));
        putNumber(n, "sourceOffset", header(r, DeadLetters.SOURCE_OFFSET));
      }
      n.set("headers", RecordJson.headers(r));
      RecordJson.putBytes(n, "key", r.key());
      RecordJson.putBytes(n, "value", r.value());
      return n.toString();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
      Header h = r.headers().lastHeader(name);
      return h == null || h.value() == null ? null : RecordJson.text(h.value());
    }

    private static void putNumber(ObjectNode n, String name, String value) {
      try {
        n.put(name, value == null ? null : Long.valueOf(value));
      } catch (NumberFormatException e) {
        n.put(name, value);
      }
    }
  }
}
