package dev.cairn.pipeline.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline's configuration: environment variables overridden by {@code --name=value} flags, for the settings
 * in {@link Setting} only. An unknown flag is refused with the list of known ones, so a typo never silently
 * falls back to a default.
 */
public final class PipelineConfig {
  private final Map<Setting, String> values;
  private final List<String> arguments;

  private PipelineConfig(Map<Setting, String> values, List<String> arguments) {
    this.values = values;
    this.arguments = arguments;
  }

  /** Reads {@code environment}, then flags from {@code args}; other arguments are kept in order. */
  public static PipelineConfig from(Map<String, String> environment, String... args) {
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      String value = environment.get(setting.name());
      if (value != null && !value.isBlank()) {
        values.put(setting, value.strip());
      }
    }
    List<String> arguments = new ArrayList<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || arg.equals("--force")) {
        arguments.add(arg);
        continue;
      }
      int equals = arg.indexOf('=');
      String flag = equals < 0 ? arg : arg.substring(0, equals);
      Setting setting = bySetting(flag);
      if (equals < 0) {
        throw new IllegalArgumentException("flag " + flag + " needs a value: " + flag + "=...");
      }
      values.put(setting, arg.substring(equals + 1).strip());
    }
    return new PipelineConfig(values, List.copyOf(arguments));
  }

  private static Setting bySetting(String flag) {
    for (Setting setting : Setting.values()) {
      if (setting.flag().equals(flag)) {
        return setting;
      }
    }
    List<String> known = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      known.add(setting.flag());
    }
    throw new IllegalArgumentException("unknown flag " + flag + "; known flags: " + String.join(" ", known));
  }

  /** The value, or the setting's default; empty when neither exists. */
  public Optional<String> get(Setting setting) {
    return Optional.ofNullable(values.getOrDefault(setting, setting.defaultValue()));
  }

  /** The value or default; a setting without either is an error naming it and what it is for. */
  public String require(Setting setting) {
    return get(setting).orElseThrow(() -> new IllegalArgumentException(
        setting.name() + " (" + setting.flag() + ") is required: " + setting.description()));
  }

  public int requireInt(Setting setting) {
    String value = require(setting);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(setting.name() + " must be a whole number, got '" + value + "'");
    }
  }

  /** A list of {@code key=value} pairs separated by commas (empty when unset); a malformed pair is an error. */
  public Map<String, String> pairs(Setting setting) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String pair : list(setting)) {
      int equals = pair.indexOf('=');
      if (equals <= 0 || equals == pair.length() - 1) {
        throw new IllegalArgumentException(setting.name() + " must be key=value pairs separated by commas, got '"
            + abbreviate(pair) + "'");
      }
      pairs.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
    }
    return pairs;
  }

  /** A comma-separated list, blanks dropped (empty when unset). */
  public List<String> list(Setting setting) {
    return get(setting).stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::trim)
        .filter(item -> !item.isEmpty()).toList();
  }

  private static String abbreviate(String value) {
    return value.length() <= 60 ? value : value.substring(0, 60) + "...";
  }

  /** A true/false setting. @throws IllegalArgumentException naming it when it is neither */
  public boolean flag(Setting setting) {
    String value = require(setting).trim();
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException(setting.name() + " must be true or false, got '" + abbreviate(value) + "'");
  }

  public boolean isSet(Setting setting) {
    return values.containsKey(setting);
  }

  /** Arguments that are not setting flags (the command and its operands, {@code --force}). */
  public List<String> arguments() {
    return arguments;
  }

  /** The effective configuration for the log, with secrets masked. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    for (Setting setting : Setting.values()) {
      Optional<String> value = get(setting);
      if (value.isPresent()) {
        text.append("  ").append(setting.name()).append('=')
            .append(setting.secret() ? "***" : value.get()).append('\n');
      }
    }
    return text.toString();
  }
}
