package io.github.handshakelab.view;

import io.github.handshakelab.cli.LessonCommand;
import io.github.handshakelab.cli.ScenarioOptions;
import io.github.handshakelab.lab.SimLab;
import io.github.handshakelab.lesson.AutoSteps;
import io.github.handshakelab.lesson.Lesson;
import io.github.handshakelab.lesson.LessonReader;
import io.github.handshakelab.lesson.LessonWriter;
import io.github.handshakelab.lesson.Times;
import io.github.handshakelab.sim.Scenario;
import io.github.handshakelab.trace.Trace;
import javafx.animation.Transition;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.WeakHashMap;

/**
 * Lessons in the main window: File > Open lesson / Save as lesson / Recent lessons, View > Present,
 * and the caption band under the diagram that follows the playhead through the lesson's steps.
 * Page Down / Page Up step the lesson (a presenter's clicker sends them). One instance per window;
 * the lesson on screen survives a rebuild (language switch) through {@link #KEPT}.
 */
public final class LessonsUi {

    /** The lesson a session shows, kept across window rebuilds. */
    private record Kept(Lesson lesson, Path file, String scenario, Path capture, int index) {}

    private static final Map<Session, Kept> KEPT = new WeakHashMap<>();
    private static final Map<MainController, LessonsUi> BY_WINDOW = new WeakHashMap<>();
    private static final int MAX_RECENT = 8;

    /** Stepping moves the playhead over this long at most, so the arrows of the step grow on screen. */
    static double animationMs = 700;

    final MainController c;
    final WindowModel model;
    final ResourceBundle res;
    final VBox band = new VBox(4);
    final Label title = new Label(), counter = new Label(), caption = new Label(), ask = new Label();
    private final Menu recentMenu;

    private Lesson lesson;
    private Path lessonFile;
    /** What the lesson shows: a scenario id or a capture path; a trace of anything else ends the lesson. */
    private String lessonScenario;
    private Path lessonCapture;
    private int index = -1;
    private boolean stepping;
    private Transition moving;
    Presentation presentation;

    private LessonsUi(MainController c) {
        this.c = c;
        this.model = c.model();
        this.res = bundle(model.locale());
        recentMenu = new Menu(res.getString("menu.recentLessons"));
        recentMenu.setId("recentLessonsMenu");
    }

    /** The lesson bundle without falling back to the system language. */
    static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("i18n/lesson", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Adds the menus, the band and the keys to a new window (from {@link Extensions}). */
    static void install(MainController c) {
        LessonsUi ui = new LessonsUi(c);
        BY_WINDOW.put(c, ui);
        ui.build();
        c.onDispose(() -> {
            if (ui.presentation != null) ui.presentation.leave();
            if (ui.moving != null) ui.moving.stop();
            KEPT.put(c.session(), ui.lesson == null ? null
                    : new Kept(ui.lesson, ui.lessonFile, ui.lessonScenario, ui.lessonCapture, ui.index));
            BY_WINDOW.remove(c);
        });
        Kept k = KEPT.get(c.session());
        if (k != null) {
            ui.lesson = k.lesson();
            ui.lessonFile = k.file();
            ui.lessonScenario = k.scenario();
            ui.lessonCapture = k.capture();
            ui.index = k.index();
            ui.refresh();
        }
    }

    /** The lesson part of the window {@code c}. */
    public static LessonsUi of(MainController c) {
        return BY_WINDOW.get(c);
    }

    private void build() {
        band.getStyleClass().add("lesson-band");
        band.setId("lessonBand");
        band.getStylesheets().add(LessonsUi.class.getResource("lessons.css").toExternalForm());
        title.getStyleClass().add("lesson-title");
        title.setId("lessonTitle");
        counter.getStyleClass().add("lesson-counter");
        counter.setId("lessonCounter");
        caption.getStyleClass().add("lesson-caption");
        caption.setId("lessonCaption");
        caption.setWrapText(true);
        ask.getStyleClass().add("lesson-ask");
        ask.setId("lessonAsk");
        ask.setWrapText(true);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(8, title, gap, counter);
        head.setAlignment(Pos.CENTER_LEFT);
        band.getChildren().addAll(head, caption, ask);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        ask.setMinHeight(Region.USE_PREF_SIZE);
        // Below the diagram, never over it: a caption must not hide an arrow.
        VBox pane = c.diagramPane().diagramPane;
        pane.getChildren().add(pane.getChildren().indexOf(c.diagram()) + 1, band);
        show(false);

        MenuItem open = new MenuItem(res.getString("menu.openLesson"));
        open.setId("openLessonItem");
        open.setAccelerator(KeyCombination.valueOf("Shortcut+L"));
        open.setOnAction(e -> chooseAndOpen());
        MenuItem save = new MenuItem(res.getString("menu.saveLesson"));
        save.setId("saveLessonItem");
        save.setAccelerator(KeyCombination.valueOf("Shortcut+Shift+S"));
        save.setOnAction(e -> LessonSaveDialog.show(this));
        int at = c.fileMenu.getItems().indexOf(c.recentMenu) + 1;
        c.fileMenu.getItems().addAll(at, List.of(new SeparatorMenuItem(), open, recentMenu, save));
        refreshRecent();

        MenuItem present = new MenuItem(res.getString("menu.present"));
        present.setId("presentItem");
        present.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        present.setOnAction(e -> { if (c.keyFree()) present(); });
        c.viewMenu.getItems().add(present);

        Scene scene = c.root().getScene();
        if (scene != null) {
            // A filter, not an accelerator: the library's list would take Page Down to scroll.
            javafx.event.EventHandler<javafx.scene.input.KeyEvent> pages = e -> {
                // A text field has no use for Page Down (the library's search field often has the focus); a text area has.
                if (presentation != null || lesson == null || e.isShortcutDown() || e.isAltDown()
                        || scene.getFocusOwner() instanceof TextArea) return;
                if (e.getCode() == KeyCode.PAGE_DOWN) next();
                else if (e.getCode() == KeyCode.PAGE_UP) previous();
                else return;
                e.consume();
            };
            scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, pages);
            c.onDispose(() -> scene.removeEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, pages));
        }
        model.playheadProperty().addListener(o -> { if (!stepping) follow(); });
        model.traceProperty().addListener(o -> { if (!stepping && lesson != null && !sameSource()) close(); });
    }

    // ---- opening ----

    private void chooseAndOpen() {
        FileChooser fc = new FileChooser();
        fc.setTitle(res.getString("menu.openLesson"));
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(res.getString("lesson.filter"),
                "*." + io.github.handshakelab.lesson.LessonFiles.EXTENSION, "*.json"));
        Path dir = Path.of("resources/lessons");
        if (lessonFile != null && lessonFile.getParent() != null) dir = lessonFile.getParent();
        if (Files.isDirectory(dir)) fc.setInitialDirectory(dir.toFile());
        File f = fc.showOpenDialog(c.session().stage);
        if (f != null) open(f.toPath());
    }

    /**
     * Opens a lesson file. A lesson with mistakes is not shown: every mistake is listed as
     * {@code FILE:LINE:COL: problem} in a dialog and the first in the status line, and the window
     * keeps what it showed.
     */
    public boolean open(Path file) {
        LessonReader.Result r = LessonCommand.read(file);
        String key = file.toAbsolutePath().normalize().toString();
        if (!r.ok()) {
            removeRecent(key);
            List<String> lines = r.messages();
            model.status(MessageFormat.format(res.getString("lesson.error.status"), lines.get(0)));
            Alert a = new Alert(Alert.AlertType.ERROR);
            a.setTitle(res.getString("lesson.error.title"));
            a.setHeaderText(MessageFormat.format(res.getString("lesson.error.header"), file.getFileName(), lines.size()));
            TextArea text = new TextArea(String.join("\n", lines));
            text.setEditable(false);
            text.setWrapText(true);
            text.setId("lessonProblems");
            text.setPrefRowCount(Math.min(12, lines.size() + 1));
            a.getDialogPane().setContent(text);
            a.getDialogPane().setMinWidth(640);
            if (c.session().stage != null && c.session().stage.getScene() != null) a.initOwner(c.session().stage);
            lastError = a;
            a.show();
            return false;
        }
        addRecent(key);
        show(r.lesson(), r.trace(), file);
        return true;
    }

    Alert lastError;

    /** Shows a checked lesson and its trace; the playhead goes to the lesson's start. */
    void show(Lesson l, Trace trace, Path file) {
        if (presentation != null) presentation.leave();
        stepping = true;
        try {
            if (l.source() instanceof Lesson.Source.Simulation s) {
                model.loadScenario(s.scenario());
                if (!s.options().isEmpty() && model.lab() instanceof SimLab lab) {
                    Scenario sc = ScenarioOptions.parse(s.scenario(), s.options());
                    model.change(() -> lab.load(sc), "status.loaded", model.text("scenario." + s.scenario() + ".title"));
                }
                lessonScenario = s.scenario();
                lessonCapture = null;
            } else {
                Lesson.Source.Capture cap = (Lesson.Source.Capture) l.source();
                Path p = LessonReader.resolveCapture(cap.path(), file == null ? null : file.toAbsolutePath().getParent());
                model.showFile(trace, p);
                lessonScenario = null;
                lessonCapture = p;
            }
            lesson = l;
            lessonFile = file;
            index = -1;
            model.setPlayhead(l.at());
            index = l.stepAt(model.getPlayhead());
        } finally {
            stepping = false;
        }
        highlight();
        refresh();
        model.status(MessageFormat.format(res.getString("lesson.opened"), l.title().in(model.locale()), l.steps().size()));
    }

    private boolean sameSource() {
        if (lessonScenario != null) return lessonScenario.equals(model.scenarioProperty().get());
        return lessonCapture != null && lessonCapture.equals(model.fileProperty().get());
    }

    /** Ends the lesson (another scenario or file was opened); the band goes away. */
    void close() {
        lesson = null;
        lessonFile = null;
        index = -1;
        refresh();
    }

    // ---- stepping ----

    public Lesson lesson() { return lesson; }

    public int index() { return index; }

    /** Next step; without a lesson, the trace's own moments become the steps (as --present ID). */
    public void next() {
        if (lesson == null) autoLesson();
        if (lesson == null || index + 1 >= lesson.steps().size()) return;
        go(index + 1);
    }

    public void previous() {
        if (lesson == null || index < 0) return;
        go(index - 1);
    }

    public void first() { if (lesson != null) go(0); }

    public void last() { if (lesson != null) go(lesson.steps().size() - 1); }

    /**
     * Puts the playhead on step {@code i} (-1: the lesson's start). Forward, the playhead runs
     * there briefly so the step's arrows grow as they do in playback; backward it jumps.
     */
    void go(int i) {
        model.playback().pause();
        long from = model.getPlayhead();
        long to = i < 0 ? lesson.at() : lesson.steps().get(i).at();
        index = i;
        if (moving != null) moving.stop();
        highlight();
        refresh();
        if (to > from && animationMs > 0) {
            moving = new Transition() {
                { setCycleDuration(Duration.millis(animationMs)); }
                @Override protected void interpolate(double f) {
                    stepping = true;
                    try {
                        model.setPlayhead(from + Math.round((to - from) * f));
                    } finally {
                        stepping = false;
                    }
                }
            };
            moving.play();
        } else {
            stepping = true;
            try {
                model.setPlayhead(to);
            } finally {
                stepping = false;
            }
        }
    }

    /** While playing or scrubbing, the caption is the last step the playhead has passed. */
    private void follow() {
        if (lesson == null) return;
        long t = model.getPlayhead();
        int i = lesson.stepAt(t);
        // Several steps at one instant: stay on the one stepped to.
        if (index >= 0 && index < lesson.steps().size() && lesson.steps().get(index).at() == t) return;
        if (i != index) {
            index = i;
            refresh();
        }
    }

    private void highlight() {
        if (lesson == null || index < 0) return;
        Lesson.Highlight h = lesson.steps().get(index).highlight();
        if (h instanceof Lesson.Highlight.OfSegment s) model.select(s.segment());
        else model.clearSelection();
        if (presentation != null) presentation.highlight(h);
    }

    private void autoLesson() {
        Trace t = model.getTrace();
        if (t == null) return;
        String id = model.scenarioProperty().get();
        Lesson.Text name;
        Lesson.Source source;
        if (id != null) {
            name = new Lesson.Text(text(Locale.ROOT, "scenario." + id + ".title"), text(Locale.SIMPLIFIED_CHINESE, "scenario." + id + ".title"));
            source = new Lesson.Source.Simulation(id, List.of());
        } else {
            Path f = model.fileProperty().get();
            String n = f == null ? (t.file() == null ? "trace" : t.file()) : f.getFileName().toString();
            name = new Lesson.Text(n, n);
            source = new Lesson.Source.Capture(f == null ? n : f.toString(), null);
        }
        Lesson l = AutoSteps.of(name, source, t);
        if (l.steps().isEmpty()) return;
        lesson = l;
        lessonFile = null;
        lessonScenario = id;
        lessonCapture = id == null ? model.fileProperty().get() : null;
        index = l.stepAt(model.getPlayhead());
    }

    private static String text(Locale l, String key) {
        try {
            return io.github.handshakelab.text.Messages.get(l, key);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    // ---- the band ----

    private void show(boolean on) {
        band.setVisible(on);
        band.setManaged(on);
    }

    void refresh() {
        show(lesson != null);
        if (lesson == null) {
            if (presentation != null) presentation.refresh();
            return;
        }
        Locale loc = model.locale();
        title.setText(lesson.title().in(loc));
        counter.setText(MessageFormat.format(res.getString("lesson.counter"), Math.max(0, index + 1), lesson.steps().size()));
        Lesson.Step s = index >= 0 ? lesson.steps().get(index) : null;
        caption.setText(s == null ? "" : s.caption().in(loc));
        boolean asking = s != null && s.ask() != null;
        ask.setText(asking ? MessageFormat.format(res.getString("lesson.ask"), s.ask().in(loc)) : "");
        ask.setVisible(asking);
        ask.setManaged(asking);
        caption.setVisible(s != null);
        caption.setManaged(s != null);
        if (presentation != null) presentation.refresh();
    }

    // ---- presentation ----

    /** View > Present (F5): full screen, panels hidden, captions, clicker keys. */
    public void present() {
        if (presentation != null) return;
        if (lesson == null) autoLesson();
        presentation = new Presentation(this);
        presentation.enter();
        refresh();
    }

    /** Presentation of a lesson file or a scenario id ({@code --present}); false with the reason in the status line. */
    public boolean present(String what) {
        Path p = Path.of(what);
        if (what.endsWith(".json") || io.github.handshakelab.lesson.LessonFiles.hasLessonExtension(p) || Files.isRegularFile(p)) {
            if (!open(p)) return false;
        } else if (io.github.handshakelab.sim.Scenarios.byId(what).isPresent()) {
            model.loadScenario(what);
            close();
        } else {
            model.status("status.error", "unknown scenario or lesson '" + what + "'");
            return false;
        }
        present();
        return true;
    }

    // ---- recent lessons ----

    private List<String> recent() {
        return c.session().settings.recentLessons();
    }

    private void addRecent(String path) {
        List<String> r = new ArrayList<>(recent());
        r.remove(path);
        r.add(0, path);
        while (r.size() > MAX_RECENT) r.remove(r.size() - 1);
        c.session().settings.recentLessons(r);
        refreshRecent();
    }

    private void removeRecent(String path) {
        List<String> r = new ArrayList<>(recent());
        if (r.remove(path)) {
            c.session().settings.recentLessons(r);
            refreshRecent();
        }
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        for (String p : recent()) {
            MenuItem mi = new MenuItem(p);
            mi.setMnemonicParsing(false);
            mi.setOnAction(e -> open(Path.of(p)));
            recentMenu.getItems().add(mi);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    // ---- saving ----

    /**
     * The lesson the window shows now, as it would be saved to {@code target}: the scenario with
     * its faults and parameters (as {@code render} options) or the capture (relative to the
     * lesson's folder), the playhead, and {@code steps}. {@code unsaved} gets what no option says.
     */
    Lesson current(Lesson.Text title, List<Lesson.Step> steps, Path target, List<String> unsaved) {
        Lesson.Source source;
        String id = model.scenarioProperty().get();
        if (id != null) {
            List<String> options = model.lab() instanceof SimLab lab && lab.scenario() != null
                    ? ScenarioOptions.options(lab.scenario(), unsaved) : List.of();
            source = new Lesson.Source.Simulation(id, options);
        } else if (model.fileProperty().get() != null) {
            Path cap = model.fileProperty().get().toAbsolutePath().normalize();
            Path dir = target == null ? null : target.toAbsolutePath().normalize().getParent();
            String path = cap.toString();
            if (dir != null && cap.getRoot() != null && cap.getRoot().equals(dir.getRoot())) {
                path = dir.relativize(cap).toString().replace(File.separatorChar, '/');
            }
            Integer stream = lesson != null && lesson.source() instanceof Lesson.Source.Capture lc ? lc.stream() : null;
            source = new Lesson.Source.Capture(path, stream);
        } else {
            return null;
        }
        return new Lesson(Lesson.VERSION, title, source, model.getPlayhead(), steps);
    }

    /** Writes the lesson; an unwritable path is said in the status line and returns false. */
    boolean save(Lesson l, Path target) {
        try {
            Files.writeString(target, LessonWriter.write(l), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            model.status(MessageFormat.format(res.getString("save.failed"), target, e.getMessage()));
            return false;
        }
        addRecent(target.toAbsolutePath().normalize().toString());
        lesson = l;
        lessonFile = target;
        index = l.stepAt(model.getPlayhead());
        refresh();
        model.status(MessageFormat.format(res.getString("lesson.saved"), target));
        return true;
    }

    static String time(long us) {
        return Times.format(us);
    }

    static void later(Runnable r) {
        Platform.runLater(r);
    }
}
