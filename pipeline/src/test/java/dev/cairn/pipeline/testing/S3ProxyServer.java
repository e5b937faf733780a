package dev.cairn.pipeline.testing;

import dev.cairn.pipeline.storage.S3ObjectStorage;
import dev.cairn.pipeline.storage.S3Settings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An in-process S3 server for tests: S3Proxy on 127.0.0.1 at a free port, over jclouds' in-memory {@code transient}
 * blob store, with AWS v4 authentication and random keys. Each instance is its own empty store.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String REGION = "us-east-1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final String accessKey = "test-" + UUID.randomUUID().toString().substring(0, 8);
  private final String secretKey = UUID.randomUUID().toString();
  private final BlobStoreContext blobStoreContext;
  private final S3Proxy proxy;
  private final URI endpoint;
  private final S3Client client;

  public S3ProxyServer() throws Exception {
    blobStoreContext = ContextBuilder.newBuilder("transient").credentials(accessKey, secretKey)
        .build(BlobStoreContext.class);
    proxy = S3Proxy.builder()
        .blobStore(blobStoreContext.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
        .build();
    proxy.start();
    awaitStarted();
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    client = S3Client.builder()
        .region(Region.of(REGION))
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  /** start() returns before Jetty accepts connections; its state says when it does. */
  private void awaitStarted() throws InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (!"STARTED".equals(proxy.getState())) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("S3Proxy not started after " + START_TIMEOUT + ": " + proxy.getState());
      }
      Thread.sleep(5); // polling a state that offers no listener, bounded by the deadline above
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** A plain SDK client on this server, for checking what the storage under test wrote. */
  public S3Client client() {
    return client;
  }

  public void createBucket(String bucket) {
    client.createBucket(request -> request.bucket(bucket));
  }

  /** A new storage on this server; the caller closes it. */
  public S3ObjectStorage storage() {
    return new S3ObjectStorage(new S3Settings(REGION, endpoint, true, accessKey, secretKey));
  }

  @Override
  public void close() throws Exception {
    try {
      client.close();
      proxy.stop();
    } finally {
      blobStoreContext.close();
    }
  }
}
