package dev.cairn.grpc.adversarial;

import com.google.protobuf.Message;

/** A request being spoiled: the message builder and the authorization header to send (null: none). */
final class Call<B extends Message.Builder> {
  final B request;
  String authorization;

  Call(B request, String authorization) {
    this.request = request;
    this.authorization = authorization;
  }
}
