package io.github.handshakelab.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** DESIGN §1: the model, the sources and the layout are pure Java, so the CLI and tests need no display. */
class LayeringTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.handshakelab");

    @Test
    void onlyViewAndAppImportJavaFx() {
        noClasses().that().resideInAPackage("io.github.handshakelab..")
                .and().resideOutsideOfPackages("io.github.handshakelab.view..", "io.github.handshakelab.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(CLASSES);
    }

    @Test
    void coreDoesNotReachIntoTheUi() {
        noClasses().that().resideInAnyPackage(
                        "io.github.handshakelab.tcp..", "io.github.handshakelab.sim..",
                        "io.github.handshakelab.trace..", "io.github.handshakelab.capture..",
                        "io.github.handshakelab.diagram..", "io.github.handshakelab.export..",
                        "io.github.handshakelab.text..", "io.github.handshakelab.lab..", "io.github.handshakelab.quiz..",
                        "io.github.handshakelab.sockets..", "io.github.handshakelab.questions..", "io.github.handshakelab.lesson..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.github.handshakelab.view..", "io.github.handshakelab.app..", "io.github.handshakelab.cli..")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.github.handshakelab.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** Every package its own slice, so a package and its subpackages (view, view.capture) form no cycle either. */
    @Test
    void noCyclesBetweenAnyTwoPackages() {
        slices().matching("io.github.handshakelab.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
