package dev.cairn.examples.spring;

import dev.cairn.Cairn;
import dev.cairn.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * For the two-process demo: the engine application (any profile but {@code worker}) writes a WORKER token's secret to
 * {@code example.worker-token-file} when that file does not exist yet, for the worker process to read
 * ({@code CAIRN_TOKEN=$(cat .cairn/spring-example-worker-token)}).
 */
@Component
@Profile("!worker")
@ConditionalOnProperty("example.worker-token-file")
public class WorkerTokenFile implements ApplicationRunner {
  private final Cairn cairn;
  private final Path file;

  public WorkerTokenFile(Cairn cairn, @Value("${example.worker-token-file}") Path file) {
    this.cairn = cairn;
    this.file = file;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    if (Files.exists(file)) {
      return;
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, cairn.tokens().create("spring-example-worker", Role.WORKER, null).secret());
  }
}
