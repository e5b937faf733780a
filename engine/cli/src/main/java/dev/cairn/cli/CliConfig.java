package dev.cairn.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;

/**
 * The config file ({@code ~/.cairn/config} or {@code $CAIRN_CONFIG}): named profiles, each a server, a token (or a
 * file holding it) and a CA certificate, and the current profile, like kubectl's contexts. JSON:
 * <pre>{"currentProfile": "prod", "profiles": {"prod": {"server": "cairn.internal:7233", "token": "..."}}}</pre>
 * It is written readable by its owner only (it holds tokens). Immutable.
 *
 * @param currentProfile the profile used when none is named (--profile, CAIRN_PROFILE); null for none
 * @param profiles by name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CliConfig(String currentProfile, Map<String, Profile> profiles) {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * One profile.
   *
   * @param server host:port of the engine's gRPC server
   * @param token the bearer token's secret
   * @param tokenFile a file holding the token (e.g. the server's first admin token)
   * @param caCert PEM certificates to trust: connect with TLS
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Profile(String server, String token, String tokenFile, String caCert) {
    Profile merge(Profile changes) {
      return new Profile(pick(changes.server, server), pick(changes.token, token), pick(changes.tokenFile, tokenFile),
          pick(changes.caCert, caCert));
    }

    private static String pick(String changed, String old) {
      return changed == null ? old : changed.isEmpty() ? null : changed;
    }
  }

  CliConfig {
    profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
  }

  static CliConfig load(Path file) {
    try {
      return MAPPER.readValue(Files.readString(file), CliConfig.class);
    } catch (NoSuchFileException e) {
      return new CliConfig(null, Map.of());
    } catch (JsonProcessingException e) {
      throw CliException.usage("config file " + file + " is not valid: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw CliException.usage("cannot read config file " + file + ": " + e.getMessage());
    }
  }

  void save(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temporary = Files.createTempFile(parent, ".config", ".tmp");
      try {
        if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
          Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(temporary, MAPPER.writeValueAsString(this) + "\n");
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new CliException(ExitCodes.OTHER, "cannot write config file " + file + ": " + e.getMessage(), e);
    }
  }

  CliConfig withProfile(String name, Profile changes) {
    Map<String, Profile> updated = new TreeMap<>(profiles);
    updated.merge(name, changes, Profile::merge);
    return new CliConfig(currentProfile == null ? name : currentProfile, updated);
  }

  CliConfig withoutProfile(String name) {
    Map<String, Profile> updated = new TreeMap<>(profiles);
    updated.remove(name);
    return new CliConfig(name.equals(currentProfile) ? null : currentProfile, updated);
  }

  CliConfig withCurrent(String name) {
    return new CliConfig(name, profiles);
  }
}
