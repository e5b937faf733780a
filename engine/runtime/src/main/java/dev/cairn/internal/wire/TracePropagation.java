package dev.cairn.internal.wire;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * Carries the trace context across gRPC calls in their headers: a client sends its current context with every call
 * (a trigger, a worker's call to start child runs), and the engine makes the received one current while it handles
 * the call, so the runs a call starts continue the caller's trace. The propagator is the application's; without one
 * (a no-op OpenTelemetry) the W3C {@code traceparent} header is used, so the context travels even through a process
 * that records no spans. A header that does not parse is ignored (a new trace starts), never refused.
 */
public final class TracePropagation {
  private static final TextMapSetter<Metadata> SETTER = (headers, key, value) -> {
    if (headers != null) {
      headers.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
    }
  };
  private static final TextMapGetter<Metadata> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Metadata headers) {
      return headers.keys();
    }

    @Override
    public String get(Metadata headers, String key) {
      return headers == null || key.endsWith(Metadata.BINARY_HEADER_SUFFIX) ? null
          : headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
    }
  };

  private TracePropagation() {}

  /** The propagator of {@code openTelemetry}, or W3C trace context when it has none. */
  static TextMapPropagator propagator(OpenTelemetry openTelemetry) {
    TextMapPropagator configured = openTelemetry.getPropagators().getTextMapPropagator();
    return configured.fields().isEmpty() ? W3CTraceContextPropagator.getInstance() : configured;
  }

  /** Sends the caller's current trace context with every call. */
  public static ClientInterceptor client(OpenTelemetry openTelemetry) {
    TextMapPropagator propagator = propagator(openTelemetry);
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
          Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
          @Override
          public void start(Listener<R> listener, Metadata headers) {
            propagator.inject(Context.current(), headers, SETTER);
            super.start(listener, headers);
          }
        };
      }
    };
  }

  /** Makes the trace context a call arrived with current while the engine handles it. */
  public static ServerInterceptor server(OpenTelemetry openTelemetry) {
    TextMapPropagator propagator = propagator(openTelemetry);
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        Context received = propagator.extract(Context.root(), headers, GETTER);
        ServerCall.Listener<Q> listener;
        try (Scope ignored = received.makeCurrent()) {
          listener = next.startCall(call, headers);
        }
        return new Within<>(listener, received);
      }
    };
  }

  /** A call's listener that runs each callback with the call's trace context current. */
  private static final class Within<Q> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
    private final Context context;

    Within(ServerCall.Listener<Q> delegate, Context context) {
      super(delegate);
      this.context = context;
    }

    private void in(Runnable callback) {
      try (Scope ignored = context.makeCurrent()) {
        callback.run();
      }
    }

    @Override
    public void onMessage(Q message) {
      in(() -> super.onMessage(message));
    }

    @Override
    public void onHalfClose() {
      in(super::onHalfClose);
    }

    @Override
    public void onCancel() {
      in(super::onCancel);
    }

    @Override
    public void onComplete() {
      in(super::onComplete);
    }

    @Override
    public void onReady() {
      in(super::onReady);
    }
  }
}
