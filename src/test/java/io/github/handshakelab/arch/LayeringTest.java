package io.github.handshakelab.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** DESIGN §1: the model, the sources and the layout are pure Java, so the CLI and tests need no display. */
class LayeringTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.handshakelab");

    @Test
    void coreImportsNoJavaFx() {
        noClasses().that().resideInAnyPackage(
                        "io.github.handshakelab.tcp..", "io.github.handshakelab.sim..",
                        "io.github.handshakelab.trace..", "io.github.handshakelab.capture..",
                        "io.github.handshakelab.diagram..", "io.github.handshakelab.export..", "io.github.handshakelab.cli..",
                        "io.github.handshakelab.lesson..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(CLASSES);
    }

    /** Lessons get the CLI's option parser passed in (the CLI depends on lessons, not the other way). */
    @Test
    void lessonsDoNotReachIntoTheUiOrTheCli() {
        noClasses().that().resideInAPackage("io.github.handshakelab.lesson..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.github.handshakelab.view..", "io.github.handshakelab.app..", "io.github.handshakelab.cli..")
                .check(CLASSES);
    }

    @Test
    void coreDoesNotReachIntoTheUi() {
        noClasses().that().resideInAnyPackage(
                        "io.github.handshakelab.tcp..", "io.github.handshakelab.sim..",
                        "io.github.handshakelab.trace..", "io.github.handshakelab.capture..",
                        "io.github.handshakelab.diagram..", "io.github.handshakelab.export..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.github.handshakelab.view..", "io.github.handshakelab.app..", "io.github.handshakelab.cli..")
                .check(CLASSES);
    }
}
