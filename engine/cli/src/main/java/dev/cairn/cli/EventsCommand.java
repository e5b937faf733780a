package dev.cairn.cli;

import dev.cairn.EventPush;
import dev.cairn.PushedEvent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn events}: pushing events to waiting steps and event triggers, and listing pushed events. */
@Command(name = "events", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Push events (to steps waiting for their key and to event triggers) and list pushed events.",
    subcommands = {EventsCommand.Push.class, EventsCommand.ListEvents.class})
final class EventsCommand {
  static final List<String> HEADERS = List.of("KEY", "EVENT ID", "PUSHED", "RUNS STARTED", "PAYLOAD");

  static List<String> row(PushedEvent event) {
    return List.of(event.key(), event.eventId(), Output.time(event.pushedAt()), String.valueOf(event.runIds().size()),
        Output.json(event.payloadJson()));
  }

  @Command(name = "push", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Push an event: steps waiting for KEY wake up with the payload, and event triggers of KEY start"
          + " their workflows. A second push with the same --event-id is a redelivery and starts nothing.")
  static final class Push extends CliCommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "The event's key.")
    String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PAYLOAD", description = "The payload as JSON.")
    String payload;

    @Option(names = {"-f", "--payload-file"}, paramLabel = "FILE", description = "Read the payload from FILE (-"
        + " for standard input).")
    Path payloadFile;

    @Option(names = "--event-id", paramLabel = "ID", description = "The event's id (default: a random one).")
    String eventId;

    @Option(names = "--metadata", paramLabel = "KEY=VALUE", description = "Metadata for trigger filters and the"
        + " runs it starts (repeatable).")
    Map<String, String> metadata = new LinkedHashMap<>();

    @Override
    public Integer call() {
      Object document = Inputs.json("payload", payload, payloadFile, cli().environment().stdin());
      PushedEvent event = connection().client().push(EventPush.builder(key).payload(document).eventId(eventId)
          .metadata(metadata).build());
      return show(event, (event.redelivered() ? "redelivered" : "pushed") + " event " + event.eventId() + " of key "
          + event.key() + "; runs started: " + (event.runIds().isEmpty() ? "none" : event.runIds().toString()));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "List pushed events, newest first, with the runs their triggers started.")
  static final class ListEvents extends CliCommand {
    @Parameters(arity = "0..1", paramLabel = "KEY", description = "Only events of this key.")
    String key;

    @Option(names = "--limit", paramLabel = "N", description = "At most N events, 1..1000 (default 100).")
    int limit = 100;

    @Override
    public Integer call() {
      return list(connection().client().pushedEvents(key, limit), event -> event, HEADERS, EventsCommand::row);
    }
  }
}
