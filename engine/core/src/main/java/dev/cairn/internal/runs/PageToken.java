package dev.cairn.internal.runs;

import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.RunIds;
import dev.cairn.internal.validate.Text;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the next page of runs starts: after this creation time and id (keyset paging, newest first). Written as
 * base64url of {@code "<instant>/<uuid>"}; a token is opaque to callers, so anything that does not decode to an
 * instant the database can hold and a canonical run id was not made here and is refused. Immutable.
 */
record PageToken(Instant afterCreatedAt, UUID afterId) {
  String encode() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((afterCreatedAt + "/" + afterId).getBytes(StandardCharsets.UTF_8));
  }

  /** @throws IllegalArgumentException if {@code token} is not one {@link #encode()} wrote */
  static PageToken decode(String token) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("/", 2);
      UUID id = parts.length == 2 ? RunIds.parse(parts[1]) : null;
      if (id != null) {
        return new PageToken(Ranges.instant("pageToken", Instant.parse(parts[0])), id);
      }
    } catch (RuntimeException e) {
      // refused below, without the decoder's message (it may quote the token)
    }
    throw new IllegalArgumentException("pageToken " + Text.quote(token) + " is not valid: pass the nextPageToken"
        + " of a previous page");
  }
}
