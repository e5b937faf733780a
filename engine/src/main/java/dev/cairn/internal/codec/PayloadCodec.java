package dev.cairn.internal.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * Encodes and decodes payloads. Types survive the round trip because decoding always targets the declared Java
 * type of the receiving parameter (records, lists of records, Optional, java.time, enums). Thread-safe.
 */
public final class PayloadCodec {
  private final ObjectMapper mapper;

  public PayloadCodec() {
    this.mapper = new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .registerModule(new Jdk8Module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
  }

  public JavaType type(Type type) {
    return mapper.getTypeFactory().constructType(type);
  }

  /** JSON text of {@code value}; "null" for null. */
  public String encode(Object value) {
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
