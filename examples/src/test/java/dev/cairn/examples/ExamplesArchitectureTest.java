package dev.cairn.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The examples (code and tests) are what users copy: they use only the public API and the test kit. */
class ExamplesArchitectureTest {
  @Test
  void examplesUseOnlyThePublicApi() {
    JavaClasses examples = new ClassFileImporter().importPackages("dev.cairn.examples");
    noClasses().that().resideInAPackage("dev.cairn.examples..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.cairn.internal..", "dev.cairn.db..",
            "dev.cairn.proto..", "dev.cairn.testing..")
        .check(examples);
  }
}
