package dev.cairn.grpc.adversarial;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Request bytes that protobuf-java never writes from a Java String but a foreign client does: a string field
 * holding invalid UTF-8, such as an unpaired surrogate encoded as three bytes (what JavaScript's and some other
 * encoders produce). One case per string field of a request, found through its descriptor: scalars, map keys and
 * values, and the string fields of a repeated message entry.
 */
final class WireBytes {
  /** "a", then U+D800 encoded as if it were a character (ED A0 80), then "b". */
  static final byte[] UNPAIRED_SURROGATE = {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'b'};

  /** A field path and the bytes that, appended to a valid request, put the bad string there. */
  record Spoiled(String field, byte[] appended) {}

  private WireBytes() {}

  /**
   * Every string path of {@code message}; {@code existing} says how many entries a repeated field already has in
   * the valid request (so an appended entry is named by its index).
   */
  static List<Spoiled> strings(Descriptor message, ToIntFunction<FieldDescriptor> existing) {
    List<Spoiled> spoiled = new ArrayList<>();
    for (FieldDescriptor field : message.getFields()) {
      if (field.isMapField()) {
        FieldDescriptor key = field.getMessageType().findFieldByName("key");
        FieldDescriptor value = field.getMessageType().findFieldByName("value");
        spoiled.add(new Spoiled(field.getName() + ".key", length(field, concat(length(key, UNPAIRED_SURROGATE),
            length(value, new byte[] {'v'})))));
        spoiled.add(new Spoiled(field.getName() + ".value", length(field, concat(length(key, new byte[] {'k'}),
            length(value, UNPAIRED_SURROGATE)))));
      } else if (field.getType() == FieldDescriptor.Type.STRING) {
        spoiled.add(new Spoiled(field.getName(), length(field, UNPAIRED_SURROGATE)));
      } else if (field.getType() == FieldDescriptor.Type.MESSAGE
          && !field.getMessageType().equals(Timestamp.getDescriptor())) {
        String entry = field.getName() + (field.isRepeated() ? "[" + existing.applyAsInt(field) + "]." : ".");
        for (Spoiled inner : strings(field.getMessageType(), nested -> 0)) {
          spoiled.add(new Spoiled(entry + inner.field(), length(field, inner.appended())));
        }
      }
    }
    return spoiled;
  }

  static int existing(Message request, FieldDescriptor field) {
    return field.isRepeated() ? request.getRepeatedFieldCount(field) : 0;
  }

  /** A length-delimited field: its tag, the length of {@code content}, then {@code content}. */
  static byte[] length(FieldDescriptor field, byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.writeBytes(field.getNumber(), ByteString.copyFrom(content));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] concat(byte[] first, byte[] second) {
    byte[] all = new byte[first.length + second.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }

  /** Structurally broken requests: a field whose length runs past the end, and a tag with field number 0. */
  static Map<String, byte[]> truncated() {
    return Map.of("length past the end", new byte[] {0x0A, 0x05, 'a'}, "field number 0", new byte[] {0x02, 0x00});
  }
}
