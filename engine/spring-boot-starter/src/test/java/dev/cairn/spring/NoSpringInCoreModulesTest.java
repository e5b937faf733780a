package dev.cairn.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine's modules (api, runtime, db, client, worker, core, testkit) never use Spring: only this starter does.
 * The root pom's {@code no-spring} enforcer rule checks their dependencies; this checks their bytecode.
 */
class NoSpringInCoreModulesTest {
  @Test
  void noClassOutsideTheStarterUsesSpring() {
    JavaClasses cairn = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.cairn");
    for (String core : new String[] {"dev.cairn.Cairn", "dev.cairn.Runs", "dev.cairn.client.CairnClient",
        "dev.cairn.worker.CairnWorker", "dev.cairn.db.Store", "dev.cairn.internal.definition.DefinitionScanner"}) {
      assertTrue(cairn.contain(core), "imported the core module class " + core);
    }
    noClasses().that().resideOutsideOfPackage("dev.cairn.spring..")
        .should().dependOnClassesThat().resideInAPackage("org.springframework..")
        .because("the core modules must not depend on Spring (issue 16); only cairn-spring-boot-starter may")
        .check(cairn);
  }
}
