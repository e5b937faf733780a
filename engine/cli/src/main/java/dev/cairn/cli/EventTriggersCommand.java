package dev.cairn.cli;

import dev.cairn.EventTrigger;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn event-triggers}: workflows started once per pushed event of a key. */
@Command(name = "event-triggers", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Event triggers: each starts one run of its workflow per pushed event of its key that matches its"
        + " filter.",
    subcommands = {EventTriggersCommand.Create.class, EventTriggersCommand.ListTriggers.class,
        EventTriggersCommand.Delete.class})
final class EventTriggersCommand {
  static final List<String> HEADERS = List.of("NAME", "EVENT KEY", "WORKFLOW", "FILTER", "CREATED");

  static List<String> row(EventTrigger trigger) {
    return List.of(trigger.name() + (trigger.declared() ? " (declared)" : ""), trigger.eventKey(),
        trigger.workflowName(), trigger.filter() == null || trigger.filter().isEmpty() ? "-" : trigger.filter(),
        Output.time(trigger.createdAt()));
  }

  @Command(name = "create", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = {"Create an event trigger (exit 6 if the name is in use).",
          "Example: cairn event-triggers create raw-tracks --key recording.ready --workflow transcribe --filter"
              + " '/payload/type == \"raw-tracks\"'"})
  static final class Create extends CliCommand {
    @Parameters(paramLabel = "NAME", description = "The trigger's name.")
    String name;

    @Option(names = "--key", required = true, paramLabel = "EVENT_KEY", description = "The events' key.")
    String key;

    @Option(names = "--workflow", required = true, paramLabel = "NAME", description = "The workflow to start.")
    String workflow;

    @Option(names = "--filter", paramLabel = "FILTER", description = "Clauses \"/json/pointer == <json value>\""
        + " joined by && over {\"payload\": ..., \"metadata\": {...}}; default: every event.")
    String filter;

    @Override
    public Integer call() {
      EventTrigger trigger = connection().client().eventTriggers().create(name, key, workflow, filter);
      return show(trigger, "created event trigger " + name + ": events of " + key + " start " + workflow);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "List the event triggers by name.")
  static final class ListTriggers extends CliCommand {
    @Override
    public Integer call() {
      return list(connection().client().eventTriggers().list(), trigger -> trigger, HEADERS,
          EventTriggersCommand::row);
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Delete an event trigger (the runs it started stay; declared triggers cannot be deleted).")
  static final class Delete extends CliCommand {
    @Parameters(paramLabel = "NAME", description = "The trigger's name.")
    String name;

    @Override
    public Integer call() {
      connection().client().eventTriggers().delete(name);
      return show(Map.of("name", name, "deleted", true), "deleted event trigger " + name);
    }
  }
}
