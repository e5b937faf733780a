package dev.cairn.internal.dashboard;

import dev.cairn.internal.validate.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A link the run page offers for a metadata entry: a labelled button opening {@code urlTemplate} with the entry's
 * value, percent-encoded, in place of {@value #PLACEHOLDER}. The page sends the dashboard's bearer token to that URL,
 * so only the embedding application configures links, and only absolute http(s) URLs are accepted. Immutable.
 */
public record MetadataLink(String metadataKey, String label, String urlTemplate) {
  public static final String PLACEHOLDER = "{value}";
  /** Longest label: it is a button's text. */
  public static final int MAX_LABEL = 40;
  /** Longest URL template. */
  public static final int MAX_TEMPLATE = 2000;
  /** Most links configured on one dashboard. */
  public static final int MAX_LINKS = 16;

  /**
   * Checks the three arguments.
   *
   * @throws IllegalArgumentException naming the argument that is wrong
   */
  public MetadataLink {
    Text.name("dashboardLink metadataKey", metadataKey);
    Text.name("dashboardLink label", label, MAX_LABEL);
    checkTemplate(urlTemplate);
  }

  private static void checkTemplate(String template) {
    String field = "dashboardLink urlTemplate";
    Text.name(field, template, MAX_TEMPLATE);
    int first = template.indexOf(PLACEHOLDER);
    if (first < 0 || template.indexOf(PLACEHOLDER, first + 1) >= 0) {
      throw new IllegalArgumentException(field + " must contain " + PLACEHOLDER + " exactly once: "
          + Text.quote(template));
    }
    URI uri;
    try {
      uri = sample(template);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(field + " is not a URL (" + e.getReason() + "): " + Text.quote(template));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(field + " must be an absolute http or https URL with a host: "
          + Text.quote(template));
    }
  }

  /** {@code scheme://host[:port]} of the template, which the page's Content-Security-Policy lets it fetch from. */
  public String origin() {
    URI uri;
    try {
      uri = sample(urlTemplate);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("checked when made", e);
    }
    return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  /** The template with a plain value in place, to parse. */
  private static URI sample(String template) throws URISyntaxException {
    return new URI(template.replace(PLACEHOLDER, "value"));
  }

  /**
   * The URL for a metadata value: the value percent-encoded as JavaScript's {@code encodeURIComponent} would (only
   * more strictly: {@code ~!'()} are encoded too), so it cannot leave its place in the template.
   */
  public String urlFor(String value) {
    return urlTemplate.replace(PLACEHOLDER, URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
  }
}
