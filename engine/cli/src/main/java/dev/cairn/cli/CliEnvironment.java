package dev.cairn.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the CLI reads from its process besides its arguments: the environment variables, the home directory (for
 * {@code ~/.cairn/config}), standard input and whether standard output is a terminal. Tests give their own.
 *
 * @param env environment variables (CAIRN_SERVER, CAIRN_TOKEN, CAIRN_TOKEN_FILE, CAIRN_CA_CERT, CAIRN_PROFILE,
 *     CAIRN_CONFIG)
 * @param home the user's home directory
 * @param stdin standard input (read by {@code -f -})
 * @param terminal true when standard output is an interactive terminal (the live view then redraws in place)
 */
record CliEnvironment(Map<String, String> env, Path home, InputStream stdin, boolean terminal) {
  CliEnvironment {
    env = Map.copyOf(env);
  }

  static CliEnvironment system() {
    // Java 17's console is there only when both stdin and stdout are terminals; redirected output is never one.
    return new CliEnvironment(System.getenv(), Path.of(System.getProperty("user.home")), System.in,
        System.console() != null);
  }

  String get(String name) {
    String value = env.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** {@code $CAIRN_CONFIG}, or {@code ~/.cairn/config}. */
  Path configFile() {
    String configured = get("CAIRN_CONFIG");
    return configured != null ? Path.of(configured) : home.resolve(".cairn").resolve("config");
  }
}
