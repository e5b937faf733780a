package dev.cairn.pipeline.http;

import dev.cairn.pipeline.testing.FakeServices;
import dev.cairn.pipeline.testing.PipelineHarness;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A pipeline serving its HTTP endpoints, with one transcript (not processed), for the tests of one class:
 * {@code @RegisterExtension static final TranscriptServer server = new TranscriptServer();}.
 */
final class TranscriptServer implements BeforeAllCallback, AfterAllCallback {
  private FakeServices fakes;
  private PipelineHarness pipeline;
  private String transcriptId;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    fakes = new FakeServices();
    pipeline = new PipelineHarness(PipelineHarness.localSettings(fakes,
        Files.createTempDirectory("transcripts").resolve("s")));
    transcriptId = pipeline.newTranscript(context.getRequiredTestClass().getSimpleName() + "-recording");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (pipeline != null) {
      pipeline.close();
    }
    fakes.close();
  }

  PipelineHarness pipeline() {
    return pipeline;
  }

  String transcriptId() {
    return transcriptId;
  }
}
