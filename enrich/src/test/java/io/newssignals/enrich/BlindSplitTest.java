package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * No training command reads the blind split: given {@code eval/corpus/b4}, {@code b5} or {@code b6} (among other
 * folders, or spelt with a trailing slash or {@code ..}) each fails before reading anything and writes no model.
 */
class BlindSplitTest {

  @ParameterizedTest
  @ValueSource(strings = {"train-org-model", "train-deal-model", "train-partnership-model"})
  void shouldRefuseToTrainOnTheBlindSplit(String command) {
    for (String blind : new String[] {"eval/corpus/b4", "eval/corpus/b5/", "eval/corpus/t1/../b6"}) {
      Path out = Path.of("target", "blind-split-test", command);
      CommandLine cli = new CommandLine(switch (command) {
        case "train-org-model" -> new TrainOrgModelCommand();
        case "train-deal-model" -> new TrainDealModelCommand();
        default -> new TrainPartnershipModelCommand();
      });
      int[] status = {0};
      cli.setExecutionExceptionHandler((e, c, p) -> {
        assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blind split");
        status[0] = 3;
        return 3;
      });
      assertThat(cli.execute("--labelled", "eval/corpus/t1", blind, "--output", out.toString()))
          .as("%s given %s", command, blind).isEqualTo(3);
      assertThat(status[0]).isEqualTo(3);
      assertThat(out).doesNotExist();
    }
  }

  @Test
  void shouldTellBlindFoldersFromTrainingFolders() {
    assertThat(BlindSplit.isBlind(Path.of("eval/corpus/b4"))).isTrue();
    assertThat(BlindSplit.isBlind(Path.of("/x/eval/corpus/b6/articles.jsonl"))).isTrue();
    assertThat(BlindSplit.isBlind(Path.of("eval/corpus/b1"))).isFalse();
    assertThat(BlindSplit.isBlind(Path.of("eval/corpus/t5"))).isFalse();
    assertThat(BlindSplit.isBlind(Path.of("eval/b4"))).isFalse();
  }
}
