package dev.cairn.grpc.adversarial;

import io.grpc.Channel;
import io.grpc.Status;
import java.util.function.Function;

/**
 * One call to make: its name, the field it spoils, the status expected, the text sent in the field (null when
 * it is not text), and how to send it on a channel.
 */
record Case(String name, String field, Status.Code expected, String sentText, Function<Channel, Outcome> send) {}
