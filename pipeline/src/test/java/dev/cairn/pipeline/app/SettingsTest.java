package dev.cairn.pipeline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void everySettingIsInTheReadmeTable() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (Setting setting : Setting.values()) {
      assertTrue(readme.contains("| `" + setting.name() + "` |"), setting.name() + " is not documented in README.md");
    }
  }

  @Test
  void flagsOverrideTheEnvironmentAndUnknownFlagsAreRefusedByName() {
    PipelineConfig config = PipelineConfig.from(Map.of("LLM_MODEL", "from-env", "STORAGE_BACKEND", "s3"),
        "worker", "--llm-model=from-flag");
    assertEquals("from-flag", config.require(Setting.LLM_MODEL));
    assertEquals("s3", config.require(Setting.STORAGE_BACKEND));
    assertEquals("reflector", config.require(Setting.PIPELINE_SCHEMA));
    assertEquals(List.of("worker"), config.arguments());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> PipelineConfig.from(Map.of(), "--llm-modle=x"));
    assertTrue(unknown.getMessage().startsWith("unknown flag --llm-modle; known flags: --cairn-jdbc-url"),
        unknown.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> PipelineConfig.from(Map.of()).require(Setting.TRANSCRIPT_URL));
    assertEquals("TRANSCRIPT_URL (--transcript-url) is required: transcription service base URL", missing.getMessage());
  }

  @Test
  void secretsAreMaskedInTheDescription() {
    String described = PipelineConfig.from(Map.of("LLM_API_KEY", "sk-very-secret", "ZULIP_API_KEY", "zk",
        "CAIRN_TOKEN", "cairn_1_abc", "LLM_MODEL", "m")).describe();
    assertFalse(described.contains("sk-very-secret"));
    assertFalse(described.contains("cairn_1_abc"));
    assertTrue(described.contains("LLM_API_KEY=***"));
    assertTrue(described.contains("LLM_MODEL=m"));
  }

  @Test
  void configuredServicesReplaceTheEmbeddedDefaultsAndNeverShowTheirKeys() {
    PipelineConfig defaults = PipelineConfig.from(Map.of("TRANSCRIPT_RECORDED_DIR", "../samples"));
    assertTrue(PipelineComponents.summariser(defaults).describe().startsWith("extractive summariser (no LLM)"));
    assertTrue(PipelineComponents.transcriber(defaults).describe().startsWith("recorded answers"));
    assertEquals(null, PipelineComponents.zulip(defaults));
    PipelineConfig configured = PipelineConfig.from(Map.of("LLM_URL", "http://llm.internal:4000", "LLM_API_KEY",
        "sk-llm-secret", "TRANSCRIPT_BACKEND", "openai", "TRANSCRIPT_URL", "http://asr.internal:9000",
        "TRANSCRIPT_API_KEY", "asr-secret"));
    String llm = PipelineComponents.summariser(configured).describe();
    String asr = PipelineComponents.transcriber(configured).describe();
    assertTrue(llm.contains("llm.internal:4000") && llm.contains("microsoft/phi-4"), llm);
    assertTrue(asr.contains("asr.internal:9000"), asr);
    assertFalse(llm.contains("sk-llm-secret") || asr.contains("asr-secret"));
  }

  @Test
  void badBackendsAreNamed() {
    IllegalArgumentException storage = assertThrows(IllegalArgumentException.class,
        () -> PipelineComponents.storage(PipelineConfig.from(Map.of("STORAGE_BACKEND", "ftp"))));
    assertEquals("STORAGE_BACKEND must be local or s3, got 'ftp'", storage.getMessage());
    IllegalArgumentException asr = assertThrows(IllegalArgumentException.class,
        () -> PipelineComponents.transcriber(PipelineConfig.from(Map.of("TRANSCRIPT_BACKEND", "whisper"))));
    assertEquals("TRANSCRIPT_BACKEND must be recorded, upstream or openai, got 'whisper'", asr.getMessage());
  }
}
