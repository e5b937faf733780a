package dev.cairn.spring;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/** Applications of client and worker modes: no database of their own, a remote engine at {@code cairn.server.address}. */
final class RemoteApps {
  private RemoteApps() {}

  /** A worker-mode application: runs {@link RemoteGreeting}'s steps. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({Greeter.class, RemoteGreeting.class})
  static class WorkerApp {}

  /** A client-mode application: only triggers runs. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class ClientApp {}

  static ConfigurableApplicationContext start(Class<?> application, String mode, int port, String token,
      String... more) {
    List<String> properties = new ArrayList<>(List.of("cairn.mode=" + mode, "cairn.server.address=localhost:" + port,
        "cairn.token=" + token,
        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"));
    properties.addAll(List.of(more));
    return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
        .properties(properties.toArray(String[]::new)).run();
  }
}
