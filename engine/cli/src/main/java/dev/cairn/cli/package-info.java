/**
 * The {@code cairn} command-line tool: picocli commands over the engine's gRPC API ({@code CairnClient} where it
 * covers a command, the generated stubs otherwise). Not a library API: only {@link dev.cairn.cli.CairnCli#main} is
 * meant to be called, by the launcher. Exit codes are listed in {@link dev.cairn.cli.ExitCodes}.
 */
package dev.cairn.cli;
