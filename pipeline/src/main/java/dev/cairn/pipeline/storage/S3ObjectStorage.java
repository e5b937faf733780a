package dev.cairn.pipeline.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link ObjectStorage} on S3 or an S3-compatible store (aws-sdk-s3, sync client). Files are streamed from and to
 * disk, never held in memory. Following upstream, a bucket name containing {@code /} means "bucket/prefix": the
 * part after the first {@code /} is put in front of every key. Checksums are only computed and validated when an
 * operation requires them, because S3-compatible stores (S3Proxy, older MinIO) reject the SDK's default trailing
 * checksums. Requests are retried by the SDK's adaptive strategy, 3 attempts (upstream's boto setting).
 * Thread-safe; {@link #close} releases the HTTP connections.
 */
public final class S3ObjectStorage implements ObjectStorage, AutoCloseable {
  /** Attempts per request, including the first (upstream: boto retries 3, adaptive). */
  public static final int MAX_ATTEMPTS = 3;

  private final S3Settings settings;
  private final S3Client client;
  private final S3Presigner presigner;

  public S3ObjectStorage(S3Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    AwsCredentialsProvider credentials = settings.hasStaticCredentials()
        ? StaticCredentialsProvider.create(
            AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()))
        : DefaultCredentialsProvider.builder().build();
    Region region = Region.of(settings.region());
    var clientBuilder = S3Client.builder()
        .region(region)
        .credentialsProvider(credentials)
        .forcePathStyle(settings.pathStyle())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(override -> override.retryStrategy(
            AwsRetryStrategy.forRetryMode(RetryMode.ADAPTIVE_V2).toBuilder().maxAttempts(MAX_ATTEMPTS).build()));
    var presignerBuilder = S3Presigner.builder()
        .region(region)
        .credentialsProvider(credentials)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
    if (settings.endpoint() != null) {
      clientBuilder.endpointOverride(settings.endpoint());
      presignerBuilder.endpointOverride(settings.endpoint());
    }
    this.client = clientBuilder.build();
    this.presigner = presignerBuilder.build();
  }

  /** Bucket and key as S3 sees them, after the bucket-prefix rule. */
  record Location(String bucket, String key) {}

  static Location locate(StorageRef ref) {
    Objects.requireNonNull(ref, "ref");
    int slash = ref.bucket().indexOf('/');
    if (slash < 0) {
      return new Location(ref.bucket(), ref.key());
    }
    String bucket = ref.bucket().substring(0, slash);
    String prefix = ref.bucket().substring(slash + 1).replaceAll("^/+|/+$", "");
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("bucket \"" + ref.bucket() + "\" has an empty bucket name before the /");
    }
    return new Location(bucket, prefix.isEmpty() ? ref.key() : prefix + "/" + ref.key());
  }

  @Override
  public void put(StorageRef ref, Path file) {
    Objects.requireNonNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("cannot upload " + file + " to " + ref + ": not a regular file");
    }
    Location location = locate(ref);
    client.putObject(request -> request.bucket(location.bucket()).key(location.key()), RequestBody.fromFile(file));
  }

  @Override
  public void putBytes(StorageRef ref, byte[] content, String contentType) {
    Objects.requireNonNull(content, "content");
    Location location = locate(ref);
    client.putObject(request -> request.bucket(location.bucket()).key(location.key()).contentType(contentType),
        RequestBody.fromBytes(content));
  }

  /** Streams into a temporary file beside {@code target}, then moves it over {@code target}. */
  @Override
  public void get(StorageRef ref, Path target) {
    Objects.requireNonNull(target, "target");
    Location location = locate(ref);
    Path absoluteTarget = target.toAbsolutePath();
    // ResponseTransformer.toFile refuses an existing file, and a failed download must not leave a partial target.
    Path temp = absoluteTarget.resolveSibling("." + absoluteTarget.getFileName() + "." + UUID.randomUUID() + ".part");
    try {
      Files.createDirectories(absoluteTarget.getParent());
      client.getObject(getRequest(location), ResponseTransformer.toFile(temp));
      moveIntoPlace(temp, absoluteTarget);
    } catch (NoSuchKeyException e) {
      throw notFound(ref, e);
    } catch (S3Exception e) {
      throw e.statusCode() == 404 ? notFound(ref, e) : e;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot download " + ref + " to " + target, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  @Override
  public byte[] getBytes(StorageRef ref) {
    Location location = locate(ref);
    try {
      ResponseBytes<GetObjectResponse> bytes = client.getObjectAsBytes(getRequest(location));
      return bytes.asByteArray();
    } catch (NoSuchKeyException e) {
      throw notFound(ref, e);
    } catch (S3Exception e) {
      throw e.statusCode() == 404 ? notFound(ref, e) : e;
    }
  }

  @Override
  public boolean exists(StorageRef ref) {
    Location location = locate(ref);
    try {
      client.headObject(request -> request.bucket(location.bucket()).key(location.key()));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      // HEAD has no body, so a missing key arrives as a bare 404 rather than NoSuchKey.
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void delete(StorageRef ref) {
    Location location = locate(ref);
    client.deleteObject(request -> request.bucket(location.bucket()).key(location.key()));
  }

  @Override
  public URI presignGet(StorageRef ref, Duration validity) {
    Objects.requireNonNull(validity, "validity");
    if (validity.isZero() || validity.isNegative()) {
      throw new IllegalArgumentException("validity must be positive, got " + validity);
    }
    Location location = locate(ref);
    var presigned = presigner.presignGetObject(request -> request.signatureDuration(validity)
        .getObjectRequest(getRequest(location)));
    try {
      return presigned.url().toURI();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("presigned URL for " + ref + " is not a URI", e);
    }
  }

  @Override
  public void close() {
    presigner.close();
    client.close();
  }

  @Override
  public String toString() {
    return "S3ObjectStorage[" + settings + "]";
  }

  private static GetObjectRequest getRequest(Location location) {
    return GetObjectRequest.builder().bucket(location.bucket()).key(location.key()).build();
  }

  private static ObjectNotFoundException notFound(StorageRef ref, S3Exception cause) {
    return new ObjectNotFoundException(ref, cause);
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // The download already succeeded or failed with its own error; a stray .part file is harmless.
    }
  }
}
