package dev.cairn.internal.inventory;

import dev.cairn.WorkerInfo;
import dev.cairn.internal.validate.Text;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The inventory's page token: base64url of "worker id LF holder", the last row of the page before. */
final class WorkerPageToken {
  private WorkerPageToken() {}

  static String encode(WorkerInfo last) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((last.workerId() + "\n" + last.holder())
        .getBytes(StandardCharsets.UTF_8));
  }

  /** The worker id and holder to list after; null for none. @throws IllegalArgumentException for a forged token */
  static String[] decode(String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(token);
    }
    int separator = text.indexOf('\n');
    if (separator <= 0 || separator == text.length() - 1) {
      throw invalid(token);
    }
    try {
      return new String[] {Text.name("page_token", text.substring(0, separator), 400),
          Text.name("page_token", text.substring(separator + 1), 400)};
    } catch (IllegalArgumentException e) {
      throw invalid(token);
    }
  }

  private static IllegalArgumentException invalid(String token) {
    return new IllegalArgumentException("page_token " + Text.quote(token)
        + " is not a token a previous ListWorkers page returned");
  }
}
