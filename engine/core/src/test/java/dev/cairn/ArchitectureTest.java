package dev.cairn;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.cairn.client.CairnClient;
import dev.cairn.db.Store;
import dev.cairn.embedded.EmbeddedDatabase;
import dev.cairn.internal.Engine;
import dev.cairn.internal.execution.StepRunner;
import dev.cairn.worker.CairnWorker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules between the engine's artifacts and packages, checked on the compiled classes of each
 * artifact (so a fully qualified name in code counts as much as an import). The Maven modules already stop a
 * worker from compiling against the engine; these rules keep each artifact's own code in its lane.
 */
class ArchitectureTest {
  /** Libraries only the engine itself may use: a client or worker that reached them would drag them along. */
  private static final String[] DATABASE_LIBRARIES = {"dev.cairn.db..", "org.jdbi..", "java.sql..",
      "org.postgresql..", "com.zaxxer..", "org.flywaydb..", "io.zonky.."};

  /** The packages of the engine itself (cairn-engine), which nothing else may reach. */
  private static final String[] ENGINE_PACKAGES = {"dev.cairn.internal", "dev.cairn.internal.auth..",
      "dev.cairn.internal.completion..", "dev.cairn.internal.dispatch..", "dev.cairn.internal.durable..",
      "dev.cairn.internal.grpc..", "dev.cairn.internal.inventory..", "dev.cairn.internal.maintenance..",
      "dev.cairn.internal.metrics..",
      "dev.cairn.internal.notify..", "dev.cairn.internal.runs..", "dev.cairn.internal.service..",
      "dev.cairn.internal.store..", "dev.cairn.internal.time..", "dev.cairn.server.."};

  private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();

  private static final JavaClasses API = artifact(RunView.class);
  private static final JavaClasses RUNTIME = artifact(StepRunner.class);
  private static final JavaClasses CLIENT = artifact(CairnClient.class);
  private static final JavaClasses WORKER = artifact(CairnWorker.class);
  private static final JavaClasses ENGINE = artifact(Engine.class);
  private static final JavaClasses DB = artifact(Store.class);
  private static final JavaClasses EMBEDDED = artifact(EmbeddedDatabase.class);

  /** The classes of the jar (or classes directory) that holds {@code anchor}. */
  private static JavaClasses artifact(Class<?> anchor) {
    return new ClassFileImporter().importUrl(anchor.getProtectionDomain().getCodeSource().getLocation());
  }

  @Test
  void eachArtifactWasFoundApart() {
    // The rules below mean nothing if two anchors share a location (everything imported as one).
    assertFalse(API.contain(Cairn.class), "cairn-api must not hold the engine's Cairn class");
    assertFalse(CLIENT.contain(StepRunner.class), "cairn-client must not hold the runtime");
  }

  @Test
  void theApiExposesNoLibraryAndReachesNoInternals() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "com.fasterxml..",
            "com.google.protobuf..", "io.netty..", "io.grpc..", "dev.cairn.db..", "java.sql..", "org.slf4j..")
        .check(API);
    noClasses().should().dependOnClassesThat(resideInAPackage("dev.cairn.internal..")
            .and(not(resideInAPackage("dev.cairn.internal.validate"))))
        .because("the api is what users compile against; only its own argument checks live under internal")
        .check(API);
  }

  @Test
  void clientsAndWorkersReachNeitherTheDatabaseNorTheEngine() {
    for (JavaClasses slim : List.of(CLIENT, WORKER, RUNTIME, API)) {
      noClasses().should().dependOnClassesThat().resideInAnyPackage(DATABASE_LIBRARIES).check(slim);
      noClasses().should().dependOnClassesThat().resideInAnyPackage(ENGINE_PACKAGES).check(slim);
    }
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.cairn.worker..", "dev.cairn.internal.worker..")
        .check(CLIENT);
  }

  @Test
  void theRuntimeKnowsNoTransportOfItsOwn() {
    // Wire mapping (protobuf) is shared by worker and engine; the gRPC server and stubs are theirs alone.
    noClasses().that().resideOutsideOfPackage("dev.cairn.internal.wire..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.cairn.proto..", "io.grpc..", "com.google.protobuf..")
        .check(RUNTIME);
  }

  @Test
  void theDatabaseModuleKnowsNothingOfTheEngineOrPayloadTypes() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.cairn.internal..", "dev.cairn.proto..",
        "com.fasterxml..", "io.grpc..").check(DB);
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.cairn.internal..", "dev.cairn.db..",
        "io.grpc..").check(EMBEDDED);
  }

  @Test
  void enginePackagesFormNoCycles() {
    slices().matching("dev.cairn.internal.(*)..").should().beFreeOfCycles().check(ENGINE);
    slices().matching("dev.cairn.internal.(*)..").should().beFreeOfCycles().check(RUNTIME);
  }

  @Test
  void theDispatcherDoesNotKnowItsPools() {
    // A slot pool is local threads or a worker's session; the claim loop and the tracker serve both alike.
    noClasses().that().resideInAPackage("dev.cairn.internal.dispatch..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.cairn.internal.grpc..", "dev.cairn.proto..",
            "io.grpc..")
        .check(ENGINE);
  }

  @Test
  void publicSignaturesOfPublicTypesShowNoInternals() {
    ArchCondition<JavaClass> noInternalTypesInSignatures = new ArchCondition<>("show no internal type in a public "
        + "signature") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        for (JavaCodeUnit member : type.getCodeUnits()) {
          if (!member.getModifiers().contains(JavaModifier.PUBLIC)) {
            continue;
          }
          List<JavaClass> shown = new ArrayList<>(member.getRawParameterTypes());
          shown.add(member.getRawReturnType());
          for (JavaClass used : shown) {
            if (used.getPackageName().startsWith("dev.cairn.internal") && !used.getPackageName()
                .equals("dev.cairn.internal.validate") || used.getPackageName().startsWith("dev.cairn.db")) {
              events.add(SimpleConditionEvent.violated(member, member.getFullName() + " shows " + used.getName()));
            }
          }
        }
      }
    };
    for (JavaClasses artifact : List.of(API, CLIENT, WORKER, ENGINE, EMBEDDED)) {
      classes().that().arePublic().and(resideInAnyPackage("dev.cairn", "dev.cairn.client", "dev.cairn.worker",
          "dev.cairn.embedded", "dev.cairn.server")).should(noInternalTypesInSignatures).allowEmptyShould(true)
          .check(artifact);
    }
  }

  @Test
  void protoModuleHoldsNoHandWrittenJava() {
    assertFalse(Files.exists(ROOT.resolve("proto/src/main/java")), "proto/src/main/java must not exist");
  }

  @Test
  void engineCodeHoldsNoSqlStatements() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(ROOT.resolve("engine"))) {
      for (Path file : walk.filter(path -> path.toString().endsWith(".java"))
          .filter(path -> path.toString().contains("/src/main/java/")).toList()) {
        String text = Files.readString(file);
        for (String keyword : List.of("\"SELECT ", "\"UPDATE ", "\"INSERT ", "\"DELETE ")) {
          if (text.contains(keyword)) {
            found.add(ROOT.relativize(file) + " contains " + keyword);
          }
        }
      }
    }
    assertEquals(List.of(), found, "SQL belongs in db/src/main/resources/dev/cairn/db/sql");
  }
}
