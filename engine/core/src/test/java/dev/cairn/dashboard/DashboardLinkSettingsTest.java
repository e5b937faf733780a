package dev.cairn.dashboard;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Cairn.Builder#dashboardLink} refuses a bad link at once, naming the argument that is wrong. */
class DashboardLinkSettingsTest {
  private static final String URL = "https://example.test/t/{value}";

  static Stream<Arguments> badLinks() {
    return Stream.of(
        Arguments.of("no key", null, "label", URL, "metadataKey"),
        Arguments.of("blank key", "  ", "label", URL, "metadataKey"),
        Arguments.of("key with a line break", "a\nb", "label", URL, "metadataKey"),
        Arguments.of("empty label", "k", "", URL, "label"),
        Arguments.of("blank label", "k", "   ", URL, "label"),
        Arguments.of("huge label", "k", "x".repeat(41), URL, "label"),
        Arguments.of("label with a control character", "k", "a\u0007b", URL, "label"),
        Arguments.of("no template", "k", "label", null, "urlTemplate"),
        Arguments.of("no {value}", "k", "label", "https://example.test/t/", "urlTemplate"),
        Arguments.of("{value} twice", "k", "label", URL + "/{value}", "urlTemplate"),
        Arguments.of("javascript: scheme", "k", "label", "javascript:alert('{value}')", "urlTemplate"),
        Arguments.of("data: scheme", "k", "label", "data:text/html,{value}", "urlTemplate"),
        Arguments.of("relative URL", "k", "label", "/v1/transcripts/{value}", "urlTemplate"),
        Arguments.of("no host", "k", "label", "http:///{value}", "urlTemplate"),
        Arguments.of("not a URL", "k", "label", "https://exa mple.test/{value}", "urlTemplate"),
        Arguments.of("too long", "k", "label", "https://example.test/" + "x".repeat(2000) + "{value}",
            "urlTemplate"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badLinks")
  void aBadLinkIsRefusedNamingTheArgument(String why, String key, String label, String template, String argument) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Cairn.builder().dashboardLink(key, label, template));
    assertTrue(refused.getMessage().contains("dashboardLink " + argument), refused.getMessage());
    assertTrue(refused.getMessage().length() < 300, "the message quotes the value cut short");
  }

  @Test
  void atMostSixteenLinksAreAccepted() {
    Cairn.Builder builder = Cairn.builder();
    for (int i = 0; i < 16; i++) {
      builder.dashboardLink("key" + i, "link " + i, URL);
    }
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> builder.dashboardLink("key16", "one too many", URL));
    assertTrue(refused.getMessage().contains("dashboardLink") && refused.getMessage().contains("16"),
        refused.getMessage());
  }
}
