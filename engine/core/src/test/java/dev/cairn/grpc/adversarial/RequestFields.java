package dev.cairn.grpc.adversarial;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Timestamp;
import dev.cairn.proto.v1.AdminServiceProto;
import dev.cairn.proto.v1.RunServiceProto;
import dev.cairn.proto.v1.ScheduleServiceProto;
import dev.cairn.proto.v1.WorkflowServiceProto;
import dev.cairn.proto.v1.WorkerServiceProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What the table must cover, read from the protobuf descriptors: the client-facing RPCs and their fields. */
final class RequestFields {
  private RequestFields() {}

  /** Every unary method of WorkerService (the durable operations of steps on workers). */
  static List<MethodDescriptor> workerOperationMethods() {
    return WorkerServiceProto.getDescriptor().findServiceByName("WorkerService").getMethods().stream()
        .filter(method -> !method.isClientStreaming()).toList();
  }

  /** Every method of RunService, AdminService, AuthService and ScheduleService. */
  static List<MethodDescriptor> clientFacingMethods() {
    List<MethodDescriptor> methods = new ArrayList<>();
    methods.addAll(RunServiceProto.getDescriptor().findServiceByName("RunService").getMethods());
    methods.addAll(AdminServiceProto.getDescriptor().findServiceByName("AdminService").getMethods());
    methods.addAll(AdminServiceProto.getDescriptor().findServiceByName("AuthService").getMethods());
    methods.addAll(ScheduleServiceProto.getDescriptor().findServiceByName("ScheduleService").getMethods());
    methods.addAll(WorkflowServiceProto.getDescriptor().findServiceByName("WorkflowService").getMethods());
    return methods;
  }

  /**
   * The field paths of a request: scalars by name; a map as {@code name} (its entries), {@code name.key} and
   * {@code name.value}; a repeated message as {@code name} (its entries) and {@code name[].field} for each of its
   * fields; a timestamp as one value.
   */
  static Set<String> paths(Descriptor request) {
    Set<String> paths = new TreeSet<>();
    collect(request, "", paths);
    return paths;
  }

  /** A table row's field with its indexes dropped: {@code runs[1].metadata.key} becomes {@code runs[].metadata.key}. */
  static String normalized(String field) {
    return field.replaceAll("\\[\\d+]", "[]");
  }

  private static void collect(Descriptor message, String prefix, Set<String> paths) {
    for (FieldDescriptor field : message.getFields()) {
      String path = prefix + field.getName();
      if (field.isMapField()) {
        paths.addAll(List.of(path, path + ".key", path + ".value"));
      } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
          && !field.getMessageType().equals(Timestamp.getDescriptor())) {
        if (field.isRepeated()) {
          paths.add(path);
        }
        collect(field.getMessageType(), path + (field.isRepeated() ? "[]." : "."), paths);
      } else {
        paths.add(path);
      }
    }
  }
}
