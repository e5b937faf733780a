package dev.cairn.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Bad {@code cairn.*} values stop the application at startup with a message naming the property. */
class CairnPropertiesTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(CairnAutoConfiguration.class));

  private void assertStartupFailureNames(String expected, String... properties) {
    runner.withPropertyValues(properties).run(context -> {
      assertThat(context).hasFailed();
      assertThat(rootAndCauses(context.getStartupFailure())).contains(expected);
    });
  }

  private static String rootAndCauses(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      text.append(cause.getMessage()).append('\n');
    }
    return text.toString();
  }

  @Test
  void outOfRangeValuesNameTheProperty() {
    assertStartupFailureNames("cairn.worker-slots must be 1..1024", "cairn.worker-slots=0");
    assertStartupFailureNames("cairn.grpc.port must be 0..65535", "cairn.grpc.port=70000");
    assertStartupFailureNames("cairn.lease-duration must be at least 300ms", "cairn.lease-duration=10ms");
  }

  @Test
  void valuesThatDoNotParseNameTheProperty() {
    assertStartupFailureNames("cairn.shutdown-timeout", "cairn.shutdown-timeout=soon");
    assertStartupFailureNames("cairn.mode", "cairn.mode=sideways");
  }

  @Test
  void remoteModesNeedAnAddressAndAToken() {
    assertStartupFailureNames("cairn.server.address (host:port) is required with cairn.mode=client",
        "cairn.mode=client", "cairn.token=secret");
    assertStartupFailureNames("cairn.token is required with cairn.mode=worker",
        "cairn.mode=worker", "cairn.server.address=localhost:7233");
  }

  @Test
  void embeddedModeWithoutADataSourceSaysWhatToSet() {
    assertStartupFailureNames("cairn.embedded-database=true", "cairn.mode=embedded");
  }

  @Test
  void disabledConfiguresNothing() {
    runner.withPropertyValues("cairn.enabled=false", "cairn.worker-slots=0").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(CairnProperties.class);
    });
  }
}
