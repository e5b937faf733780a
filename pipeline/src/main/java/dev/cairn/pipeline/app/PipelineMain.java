package dev.cairn.pipeline.app;

import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Runs;
import dev.cairn.client.CairnClient;
import dev.cairn.pipeline.workflow.PipelineServices;
import dev.cairn.pipeline.workflow.ScratchRoot;
import java.util.List;

/**
 * The pipeline's command line: {@code demo} (default), {@code worker}, or {@code process <transcript-id> [--force]}.
 * Settings come from the environment or {@code --name=value} flags (see {@link Setting}).
 */
public final class PipelineMain {
  private static final String USAGE = """
      usage: pipeline [demo | worker | sample | process <transcript-id> [--force]] [--setting=value ...]
        demo     process the sample recording on the embedded defaults (the default command)
        worker   run pipeline steps for a Cairn engine over gRPC (CAIRN_TARGET, CAIRN_TOKEN)
        sample   feed the sample recording to a Cairn engine's workers (as Daily would) and report the result
        process  process a transcript again: replay its failed run, or with --force cancel it and start fresh""";

  private PipelineMain() {}

  public static void main(String[] args) throws Exception {
    PipelineConfig config;
    try {
      config = PipelineConfig.from(System.getenv(), args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    List<String> arguments = config.arguments();
    String command = arguments.isEmpty() ? "demo" : arguments.get(0);
    switch (command) {
      case "demo" -> Demo.main(args);
      case "worker" -> PipelineWorker.main(config);
      case "process" -> System.exit(process(config, arguments));
      case "sample" -> System.exit(sample(config));
      default -> {
        System.err.println("unknown command " + command);
        System.err.println(USAGE);
        System.exit(2);
      }
    }
  }

  /** The demo against a running engine and its workers (e.g. in docker compose): nothing runs in this process. */
  private static int sample(PipelineConfig config) {
    try (Databases databases = Databases.open(config);
        CairnClient client = CairnClient.builder(config.require(Setting.CAIRN_TARGET))
            .token(PipelineWorker.token(config)).build()) {
      PipelineServices services = PipelineComponents.services(config, databases);
      try (ScratchRoot unused = services.scratch()) { // nothing runs here, but the claim is given back
        Runs runs = client;
        SampleRun.Begun begun = SampleRun.start(services, DailyIngest.of(services, runs, config), runs,
            ProjectRoot.find().resolve(Demo.SAMPLE), System.out);
        RunView finished = SampleRun.follow(services, runs, begun, System.out);
        return finished.status() == RunStatus.SUCCEEDED ? 0 : 1;
      }
    } catch (RuntimeException e) {
      System.err.println("sample failed: " + e.getMessage());
      return 1;
    }
  }

  private static int process(PipelineConfig config, List<String> arguments) {
    List<String> operands = arguments.stream().skip(1).filter(a -> !a.equals("--force")).toList();
    if (operands.size() != 1) {
      System.err.println("process needs exactly one transcript id");
      System.err.println(USAGE);
      return 2;
    }
    boolean force = arguments.contains("--force");
    try (Databases databases = Databases.open(config);
        CairnClient client = CairnClient.builder(config.require(Setting.CAIRN_TARGET))
            .token(PipelineWorker.token(config)).build()) {
      PipelineServices services = PipelineComponents.services(config, databases);
      try (ScratchRoot unused = services.scratch()) { // nothing runs here, but the claim is given back
        Runs runs = client;
        DailyIngest ingest = DailyIngest.of(services, runs, config);
        Reprocess.Outcome outcome = new Reprocess(services.transcripts(), services.meetings(), runs, ingest)
            .process(operands.get(0), force);
        System.out.println(outcome.action() + " run " + outcome.runId());
        return 0;
      }
    } catch (RuntimeException e) {
      System.err.println("process failed: " + e.getMessage());
      return 1;
    }
  }
}
