package dev.cairn.pipeline.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cairn.Role;
import dev.cairn.pipeline.app.PipelineHttpServer;
import dev.cairn.pipeline.testing.FakeServices;
import dev.cairn.pipeline.testing.PipelineHarness;
import dev.cairn.pipeline.testing.RawHttp;
import dev.cairn.pipeline.transcript.EventType;
import dev.cairn.pipeline.transcript.Recording;
import dev.cairn.pipeline.transcript.TranscriptStore;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Live event streams share the process's one LISTEN connection, hold no pooled connection while they wait, are
 * bounded in number, and end soon after their client goes away.
 */
class TranscriptStreamTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FEED = "stream-test-feed";

  @TempDir
  Path temp;

  @Test
  void manyReadersShareOneListenerAndLeaveThePoolToTheSteps() throws Exception {
    try (FakeServices fakes = new FakeServices(); HikariDataSource pool = smallPool();
        PipelineHarness pipeline = new PipelineHarness(PipelineHarness.localSettings(fakes, temp.resolve("s")), pool,
            listenSource())) {
      String transcriptId = transcript(pipeline, "shared");
      String token = pipeline.cairn().tokens().create("reader", Role.CLIENT, null).secret();
      List<RawHttp> readers = new ArrayList<>();
      try {
        for (int i = 0; i < 12; i++) { // three times the pool
          RawHttp reader = events(pipeline.httpBase(), transcriptId, token);
          assertEquals(200, reader.status());
          readers.add(reader);
        }
        HttpResponse<String> view = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                pipeline.httpBase().resolve("/v1/transcripts/" + transcriptId))
            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, view.statusCode(), "a read while 12 streams wait: " + view.body());
        Await.until("no pooled connection held by waiting readers", Duration.ofSeconds(30),
            () -> pool.getHikariPoolMXBean().getActiveConnections() == 0);
        Await.until("one LISTEN connection for all readers", Duration.ofSeconds(30), () -> listeners() == 1);

        long seq = pipeline.services().transcripts().appendEvent(transcriptId, EventType.TOPIC, Map.of("n", 1));
        for (RawHttp reader : readers) {
          assertTrue(reader.awaitLine("id: " + seq), "every reader gets the appended event");
        }
      } finally {
        for (RawHttp reader : readers) {
          reader.close();
        }
      }
      Await.until("the listener closed once nobody watches", Duration.ofSeconds(30), () -> listeners() == 0);
    }
  }

  @Test
  void oneReaderBeyondTheLimitIs503AndAReaderThatWentAwayIsClosedPromptly() throws Exception {
    try (FakeServices fakes = new FakeServices();
        PipelineHarness pipeline = new PipelineHarness(PipelineHarness.localSettings(fakes, temp.resolve("s")));
        PipelineHttpServer server = pipeline.httpServer().maxEventStreams(2).heartbeat(Duration.ofMillis(200))
            .start()) {
      URI base = URI.create("http://127.0.0.1:" + server.port());
      String transcriptId = transcript(pipeline, "bounded");
      String token = pipeline.clientToken();
      TranscriptStore transcripts = pipeline.services().transcripts();
      RawHttp first = events(base, transcriptId, token);
      RawHttp second = events(base, transcriptId, token);
      assertTrue(first.awaitLine(": connected") && second.awaitLine(": connected"));

      try (RawHttp third = events(base, transcriptId, token)) {
        assertEquals(503, third.status());
        assertEquals("5", third.header("Retry-After"));
        assertTrue(JSON.readTree(third.body()).path("error").asText().contains("at most 2"));
      }

      first.close();
      Await.until("the watch of the client that went away is closed", Duration.ofSeconds(30),
          () -> transcripts.openSubscriptions() == 1);
      try (RawHttp again = events(base, transcriptId, token)) {
        assertEquals(200, again.status(), "its place is free again");
        assertTrue(again.awaitLine(": connected"));
      }
      second.close();
      Await.until("every watch closed", Duration.ofSeconds(30), () -> transcripts.openSubscriptions() == 0);
    }
  }

  /** Connections of the listen source LISTENing for transcript events. */
  private static long listeners() {
    return TestDatabase.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + FEED
        + "' AND query ILIKE 'LISTEN%reflector_transcript_event%'");
  }

  /** Unpooled connections, told apart in pg_stat_activity by their application name. */
  private static DataSource listenSource() {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setURL(TestDatabase.jdbcUrl());
    source.setUser("postgres");
    source.setPassword("postgres");
    source.setApplicationName(FEED);
    return source;
  }

  private static RawHttp events(URI base, String transcriptId, String token) throws Exception {
    return RawHttp.send(base, "GET", "/v1/transcripts/" + transcriptId + "/events",
        Map.of("Authorization", "Bearer " + token), null);
  }

  private static String transcript(PipelineHarness pipeline, String recordingId) {
    pipeline.services().meetings().saveRecording(new Recording(recordingId, "bucket", "room",
        Instant.parse("2026-11-03T14:05:31Z"), null, "room-20261103140512", List.of("a-cam-audio-1")));
    return pipeline.services().transcripts().transcriptForRecording(recordingId, null, null);
  }

  /** A pool as small as a worker's would be under load: 4 connections, and a short wait for one. */
  private static HikariDataSource smallPool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(TestDatabase.jdbcUrl());
    config.setUsername("postgres");
    config.setPassword("postgres");
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(2000);
    config.setPoolName("stream-test");
    return new HikariDataSource(config);
  }
}
