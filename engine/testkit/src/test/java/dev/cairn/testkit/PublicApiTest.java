package dev.cairn.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public API of each artifact, listed (every public type of its public packages with its public and protected
 * members) and compared with the listing committed in {@code engine/<module>/public-api.txt}, so a change of the
 * public surface shows as a diff in review. After an intended change, rewrite the listings with
 * {@code -Dcairn.api.update=true} and commit them.
 */
class PublicApiTest {
  private static final Path ENGINE = Path.of("..").toAbsolutePath().normalize();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "api, dev.cairn.RunView, dev.cairn",
      "client, dev.cairn.client.CairnClient, dev.cairn.client",
      "worker, dev.cairn.worker.CairnWorker, dev.cairn.worker",
      "core, dev.cairn.Cairn, dev.cairn dev.cairn.server",
      "embedded-postgres, dev.cairn.embedded.EmbeddedDatabase, dev.cairn.embedded",
      "testkit, dev.cairn.testkit.CairnExtension, dev.cairn.testkit"})
  void thePublicApiMatchesItsListing(String module, String anchor, String packages) throws Exception {
    List<String> listing = listing(Class.forName(anchor), Set.of(packages.split(" ")));
    Path file = ENGINE.resolve(module).resolve("public-api.txt");
    String text = String.join("\n", listing) + "\n";
    if (Boolean.getBoolean("cairn.api.update") || !Files.exists(file)) {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), text, "the public API of " + module
        + " changed; if intended, run with -Dcairn.api.update=true and commit " + ENGINE.relativize(file));
  }

  /** Sorted lines: each public type, then its members indented. */
  static List<String> listing(Class<?> anchor, Set<String> packages) throws IOException, URISyntaxException {
    List<String> lines = new ArrayList<>();
    for (String name : classNames(Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI()))) {
      Class<?> type;
      try {
        type = Class.forName(name, false, anchor.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        continue;
      }
      if (!packages.contains(type.getPackageName()) || !isVisible(type)) {
        continue;
      }
      lines.add(describe(type));
      Set<String> members = new TreeSet<>();
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        add(members, constructor, constructor.toGenericString());
      }
      for (Method method : type.getDeclaredMethods()) {
        if (!method.isSynthetic() && !method.isBridge()) {
          add(members, method, method.toGenericString());
        }
      }
      for (Field field : type.getDeclaredFields()) {
        if (!field.isSynthetic()) {
          add(members, field, field.toGenericString());
        }
      }
      members.forEach(member -> lines.add("  " + member));
    }
    return lines;
  }

  private static void add(Set<String> members, Member member, String signature) {
    int modifiers = member.getModifiers();
    if (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)) {
      members.add(signature);
    }
  }

  /** Public, and (when nested) inside public types all the way out. */
  private static boolean isVisible(Class<?> type) {
    for (Class<?> at = type; at != null; at = at.getDeclaringClass()) {
      if (!Modifier.isPublic(at.getModifiers()) || at.isAnonymousClass() || at.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  private static String describe(Class<?> type) {
    String kind = type.isAnnotation() ? "@interface" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
        : type.isRecord() ? "record" : "class";
    int modifiers = type.getModifiers() & ~Modifier.INTERFACE;
    if (type.isInterface()) {
      modifiers &= ~Modifier.ABSTRACT; // implied
    }
    StringBuilder text = new StringBuilder(Modifier.toString(modifiers)).append(' ').append(kind).append(' ')
        .append(type.getTypeName());
    if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()
        && !type.isRecord()) {
      text.append(" extends ").append(type.getGenericSuperclass().getTypeName());
    }
    List<String> interfaces = new ArrayList<>();
    for (var implemented : type.getGenericInterfaces()) {
      interfaces.add(implemented.getTypeName());
    }
    if (!interfaces.isEmpty()) {
      Collections.sort(interfaces);
      text.append(type.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
    }
    return text.toString().strip();
  }

  private static List<String> classNames(Path location) throws IOException {
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        files.filter(file -> file.toString().endsWith(".class")).forEach(file -> names.add(
            location.relativize(file).toString().replace('/', '.').replace(".class", "")));
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        jar.stream().map(entry -> entry.getName()).filter(name -> name.endsWith(".class"))
            .forEach(name -> names.add(name.replace('/', '.').replace(".class", "")));
      }
    }
    names.removeIf(name -> name.endsWith("package-info") || name.endsWith("module-info"));
    Collections.sort(names);
    return names;
  }
}
