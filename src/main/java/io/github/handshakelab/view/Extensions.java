package io.github.handshakelab.view;

/**
 * Where features add their panes, tabs and menus to a new main window (see
 * /work/notes/window-api.md): one line per feature, each calling its own installer, e.g.
 * {@code QuizPane.install(c);}. Runs at the end of {@link MainController#start}, after the
 * window's state is restored, for every window (again after a language switch).
 */
final class Extensions {
    private Extensions() {}

    static void install(MainController c) {
        // one line per feature below
        PredictPane.install(c);
        BankPanes.install(c);
        LessonsUi.install(c);
        ExportMenu.install(c);
        LiveCaptureUi.install(c);
    }
}
