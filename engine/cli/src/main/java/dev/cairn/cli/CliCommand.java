package dev.cairn.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that does something: reaches the CLI's options, environment, connection and output through the root. */
abstract class CliCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  CairnCli cli() {
    return (CairnCli) spec.root().userObject();
  }

  Connection connection() {
    return cli().connection();
  }

  Output output() {
    return new Output(out());
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  boolean json() {
    return cli().options.json();
  }

  /** Prints {@code json} as JSON, or the text line; returns {@link ExitCodes#OK}. */
  int show(Object json, String text) {
    if (json()) {
      output().json(json);
    } else {
      output().line(text);
    }
    return ExitCodes.OK;
  }

  /** Prints the items as a JSON array of {@code json(item)}, or as a table; returns {@link ExitCodes#OK}. */
  <T> int list(List<T> items, Function<T, Object> json, List<String> headers, Function<T, List<String>> row) {
    if (json()) {
      output().json(items.stream().map(json).toList());
    } else {
      output().table(headers, items.stream().map(row).toList());
    }
    return ExitCodes.OK;
  }
}
