package dev.cairn.pipeline.app;

import dev.cairn.Cairn;
import dev.cairn.CancelResult;
import dev.cairn.RunView;
import dev.cairn.TriggerOptions;
import dev.cairn.client.CairnClient;
import java.util.UUID;

/**
 * How the pipeline's triggers reach the engine: in-process (demo, embedded deployment) or over gRPC (the webhook
 * endpoint and the process command beside remote workers). Same calls either way.
 */
public interface RunGateway {
  UUID trigger(String workflowName, Object input, TriggerOptions options);

  RunView run(UUID runId);

  void replay(UUID runId);

  /** Waits until the run is final and returns it. */
  RunView await(UUID runId, java.time.Duration timeout);

  CancelResult cancel(UUID runId);

  static RunGateway embedded(Cairn cairn) {
    return new RunGateway() {
      @Override
      public UUID trigger(String workflowName, Object input, TriggerOptions options) {
        return cairn.trigger(workflowName, input, options).id();
      }

      @Override
      public RunView run(UUID runId) {
        return cairn.getRun(runId);
      }

      @Override
      public void replay(UUID runId) {
        cairn.replay(runId);
      }

      @Override
      public RunView await(UUID runId, java.time.Duration timeout) {
        return cairn.await(runId, timeout);
      }

      @Override
      public CancelResult cancel(UUID runId) {
        return cairn.cancel(runId);
      }
    };
  }

  static RunGateway remote(CairnClient client) {
    return new RunGateway() {
      @Override
      public UUID trigger(String workflowName, Object input, TriggerOptions options) {
        return client.trigger(workflowName, input, options);
      }

      @Override
      public RunView run(UUID runId) {
        return client.getRun(runId);
      }

      @Override
      public void replay(UUID runId) {
        client.replay(runId);
      }

      @Override
      public RunView await(UUID runId, java.time.Duration timeout) {
        return client.await(runId, timeout);
      }

      @Override
      public CancelResult cancel(UUID runId) {
        return client.cancel(runId);
      }
    };
  }
}
