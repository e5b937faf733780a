package dev.cairn.internal.codec;

/**
 * JSON text a caller sent as text (over gRPC), named by its field. {@link PayloadCodec#encode} checks it with
 * {@link dev.cairn.internal.codec.JsonText#check} and keeps it as sent instead of decoding and re-encoding it,
 * which would change what the caller meant (a trailing value dropped, a number rounded). Immutable.
 */
public record RawJson(String field, String text) {}
