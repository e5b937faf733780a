package dev.cairn.grpc.adversarial;

import com.google.protobuf.Message;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One row of the table: a field of an RPC's request (a path such as {@code runs[1].metadata.key}), the values to
 * try in it, and how to set one on a valid request.
 */
record Row<B extends Message.Builder, V>(Rpc<B> rpc, String field, List<BadValue<V>> values,
    BiConsumer<Call<B>, V> setter) {

  /** One case per value, each sent with {@code authorization} unless the row sets the header itself. */
  List<Case> cases(String authorization) {
    return values.stream().map(value -> new Case(rpc.name() + " " + field + " = " + value.label(), field,
        value.expected(), value.text(), channel -> {
          Call<B> call = rpc.newCall(authorization);
          setter.accept(call, value.value());
          return rpc.call(channel, call);
        })).toList();
  }
}
