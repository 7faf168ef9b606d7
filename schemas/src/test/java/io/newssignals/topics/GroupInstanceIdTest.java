package io.newssignals.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupInstanceIdTest {
  @TempDir Path dir;

  @Test
  void shouldGenerateAnIdOnceAndKeepItInTheStateDirectory() throws Exception {
    String first = GroupInstanceId.resolve(null, dir, "app").orElseThrow();
    assertThat(first).startsWith("app-");
    assertThat(Files.readString(dir.resolve(GroupInstanceId.FILE)).strip()).isEqualTo(first);
    assertThat(GroupInstanceId.resolve("", dir, "app")).as("a restart of the same instance").contains(first);
    assertThat(GroupInstanceId.resolve(null, dir.resolve("other"), "app").orElseThrow())
        .as("another instance, another state directory").isNotEqualTo(first);
  }

  @Test
  void shouldUseAConfiguredIdAndTurnStaticMembershipOffWithNone() {
    assertThat(GroupInstanceId.resolve(" enrich-a ", dir, "app")).contains("enrich-a");
    assertThat(GroupInstanceId.resolve("NONE", dir, "app")).isEmpty();
    assertThat(dir.resolve(GroupInstanceId.FILE)).doesNotExist();
  }
}
