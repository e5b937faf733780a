package dev.cairn.internal.codec;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cairn.internal.validate.Text;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * Encodes and decodes payloads. Types survive the round trip because decoding always targets the declared Java
 * type of the receiving parameter (records, lists of records, Optional, java.time, enums). Thread-safe.
 */
public final class PayloadCodec {
  private final ObjectMapper mapper;

  public PayloadCodec() {
    // Parse errors quote at most a short stretch of the input: their messages reach callers.
    JsonFactory factory = JsonFactory.builder().errorReportConfiguration(ErrorReportConfiguration.builder()
        .maxErrorTokenLength(Text.MAX_QUOTED).maxRawContentLength(Text.MAX_QUOTED).build()).build();
    this.mapper = new ObjectMapper(factory)
        .registerModule(new JavaTimeModule())
        .registerModule(new Jdk8Module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        // One JSON value per payload: "{...} trailing" is refused, never read as its first value.
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  public JavaType type(Type type) {
    return mapper.getTypeFactory().constructType(type);
  }

  /**
   * JSON text of {@code value}; "null" for null; for {@link RawJson}, its text once checked.
   *
   * @throws IllegalArgumentException if a {@link RawJson} is not one storable JSON value
   */
  public String encode(Object value) {
    if (value instanceof RawJson raw) {
      return JsonText.check(raw.field(), raw.text());
    }
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new PayloadException("cannot encode " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Decodes {@code json} as {@code type}; null JSON text gives null (or Optional.empty() for Optional). */
  public <T> T decode(String json, Type type) {
    return decode(json, type(type));
  }

  public <T> T decode(String json, JavaType type) {
    try {
      if (json == null) {
        json = "null";
      }
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new PayloadException("JSON does not fit " + type.toCanonical() + ": " + e.getOriginalMessage(), e);
    }
  }

  public Map<String, String> decodeStringMap(String json) {
    return decode(json, mapper.getTypeFactory().constructMapType(Map.class, String.class, String.class));
  }

  public ObjectMapper mapper() {
    return mapper;
  }
}
