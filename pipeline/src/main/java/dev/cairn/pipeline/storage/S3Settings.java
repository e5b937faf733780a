package dev.cairn.pipeline.storage;

import java.net.URI;

/**
 * How to reach S3 or an S3-compatible store.
 *
 * @param region AWS region name, e.g. {@code eu-west-1}; S3-compatible stores accept any (use {@code us-east-1})
 * @param endpoint endpoint override for S3-compatible stores; null for AWS itself
 * @param pathStyle address buckets as {@code endpoint/bucket} rather than {@code bucket.endpoint} (most
 *     S3-compatible stores need this)
 * @param accessKeyId access key id; null (with a null secret) for the SDK's default credential chain
 * @param secretAccessKey secret key; never shown by {@link #toString}
 */
public record S3Settings(String region, URI endpoint, boolean pathStyle, String accessKeyId, String secretAccessKey) {
  public S3Settings {
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("region must not be empty");
    }
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException("accessKeyId and secretAccessKey must be given together (or neither, for "
          + "the default credential chain); got " + (accessKeyId == null ? "only the secret" : "only the key id"));
    }
    if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
      throw new IllegalArgumentException("endpoint must be an absolute URL with a host, got " + endpoint);
    }
  }

  /** True when static keys are given rather than the default credential chain. */
  public boolean hasStaticCredentials() {
    return accessKeyId != null;
  }

  @Override
  public String toString() {
    return "S3Settings[region=" + region + ", endpoint=" + endpoint + ", pathStyle=" + pathStyle + ", accessKeyId="
        + accessKeyId + ", secretAccessKey=" + (secretAccessKey == null ? "null" : "***") + "]";
  }
}
