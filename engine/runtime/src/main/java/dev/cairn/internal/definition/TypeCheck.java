package dev.cairn.internal.definition;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Refuses types that cannot make the JSON round trip: an interface or abstract class without Jackson type
 * information, a class Jackson cannot construct, a lambda, a stream, a thread. Collections, maps, arrays,
 * Optional, records, enums, java.time and JDK value types are walked into. Stateless.
 */
final class TypeCheck {
  private TypeCheck() {}

  /** Returns null when {@code type} can be stored and read back, else why not. */
  static String problem(JavaType type, TypeFactory factory) {
    return problem(type, factory, new HashSet<>());
  }

  private static String problem(JavaType type, TypeFactory factory, Set<Class<?>> seen) {
    Class<?> raw = type.getRawClass();
    if (type.isContainerType() || type.isReferenceType()) {
      if (type.isMapLikeType() && type.getKeyType() != null) {
        String keyProblem = problem(type.getKeyType(), factory, seen);
        if (keyProblem != null) {
          return keyProblem;
        }
      }
      JavaType content = type.getContentType();
      return content == null ? null : problem(content, factory, seen);
    }
    if (raw.isPrimitive() || raw.isEnum() || raw == Object.class || isJdkValue(raw) || !seen.add(raw)) {
      return null;
    }
    if (raw.isAnnotationPresent(JsonTypeInfo.class) || raw.isAnnotationPresent(JsonSubTypes.class)) {
      return null;
    }
    if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
      return raw.getName() + " is abstract and has no @JsonTypeInfo, so its concrete type would be lost";
    }
    if (raw.isSynthetic() || raw.getName().contains("$$Lambda")) {
      return raw.getName() + " is a lambda or synthetic class";
    }
    if (raw.isRecord()) {
      for (RecordComponent component : raw.getRecordComponents()) {
        String componentProblem =
            problem(factory.resolveMemberType(component.getGenericType(), type.getBindings()), factory, seen);
        if (componentProblem != null) {
          return "component " + component.getName() + " of " + raw.getSimpleName() + ": " + componentProblem;
        }
      }
      return null;
    }
    if (raw.isMemberClass() && !Modifier.isStatic(raw.getModifiers())) {
      return raw.getName() + " is an inner (non-static) class, which Jackson cannot construct";
    }
    if (!hasCreator(raw)) {
      return raw.getName() + " has neither a no-argument constructor nor a @JsonCreator, so it cannot be read back";
    }
    return null;
  }

  private static boolean isJdkValue(Class<?> raw) {
    String name = raw.getName();
    return name.startsWith("java.lang.") && !Thread.class.isAssignableFrom(raw)
        || name.startsWith("java.time.")
        || name.startsWith("java.math.")
        || raw == UUID.class
        || raw == URI.class
        || raw == Date.class
        || JsonNode.class.isAssignableFrom(raw);
  }

  private static boolean hasCreator(Class<?> raw) {
    for (Constructor<?> constructor : raw.getDeclaredConstructors()) {
      if (constructor.getParameterCount() == 0 || constructor.isAnnotationPresent(JsonCreator.class)) {
        return true;
      }
    }
    return Arrays.stream(raw.getDeclaredMethods())
        .anyMatch(method -> Modifier.isStatic(method.getModifiers()) && method.isAnnotationPresent(JsonCreator.class));
  }
}
