package io.github.handshakelab.view;

import io.github.handshakelab.diagram.DiagramLayout;
import io.github.handshakelab.trace.Trace;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;

import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The main window's frame: menus and their accelerators (every key of the window is one, shown
 * in its menu), the three columns, the status line, files, theme and language. The panes are
 * their own controllers, all bound to one {@link WindowModel}. A window lives from
 * {@link #start} to {@link #dispose}: rebuilding it for a language switch disposes the old one.
 * <p>
 * The window is built in two steps for a fast first window (issue 12): the frame (menus, the
 * diagram pane, the status line, the side tabs' headers) before it is shown, and the library,
 * the notes, the side tabs' contents and the features of {@link Extensions} in
 * {@link #buildPanes} right after the first frame. Every accessor of a later pane, and choosing
 * a side tab, builds them at once, so nothing can see them missing.
 */
public final class MainController {

    // the frame's nodes, set by MainFrame
    BorderPane root;
    MenuBar menuBar;
    Menu fileMenu, playMenu, viewMenu, recentMenu;
    MenuItem openItem, quitItem, playItem, prevItem, nextItem, restartItem, endItem, fasterItem, slowerItem,
            zoomInItem, zoomOutItem, fitItem, detachItem, fullScreenItem;
    RadioMenuItem themeLight, themeDark, themeProjector, langEn, langZh;
    CheckMenuItem absoluteItem, hideFutureItem, libraryItem, sideItem, byOrderItem;
    SplitPane split, leftPane;
    TabPane sideTabs;
    Tab inspectorTab, arithmeticTab, stateTab, faultsTab;
    Label statusLabel;

    // the diagram pane's controller (MainFrame)
    DiagramController diagramPaneController;
    // the panes built by buildPanes() after the first frame (null until then)
    ScenariosController scenariosController;
    NotesController notesController;
    InspectorController inspectorController;
    ArithmeticController arithmeticController;
    StateMachineController statesController;
    FaultsController faultsController;

    private final WindowModel model;
    private final Session session;
    private ResourceBundle res;
    private boolean disposed;
    private final List<Runnable> onDispose = new ArrayList<>();

    public MainController(WindowModel model, Session session) {
        this.model = model;
        this.session = session;
    }

    void initialize(ResourceBundle resources) {
        res = resources;
        statusLabel.textProperty().bind(model.statusProperty());
        absoluteItem.selectedProperty().bindBidirectional(model.absoluteProperty());
        hideFutureItem.selectedProperty().bindBidirectional(model.hideFutureProperty());
        ToggleGroup themes = new ToggleGroup();
        themes.getToggles().addAll(themeLight, themeDark, themeProjector);
        ToggleGroup langs = new ToggleGroup();
        langs.getToggles().addAll(langEn, langZh);
        (model.locale().getLanguage().equals("zh") ? langZh : langEn).setSelected(true);
        libraryItem.selectedProperty().addListener((o, a, v) -> showColumn(leftPane, 0, v));
        sideItem.selectedProperty().addListener((o, a, v) -> showColumn(sideTabs, 2, v));
        split.widthProperty().addListener((o, a, w) -> { if (!userSized) layoutColumns(); });
        split.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_DRAGGED, e -> {
            if (e.getTarget() instanceof Node n && n.getStyleClass().contains("split-pane-divider")) userSized = true;
        });
        // The side tabs never hide a header behind the overflow menu: the column is at least as wide as its tabs.
        sideTabs.skinProperty().addListener(o -> Platform.runLater(this::fitTabs));
        sideTabs.getStyleClass().add("side-tabs");
        sideTabs.getSelectionModel().selectedItemProperty().addListener(o -> buildPanes());
        diagramPaneController.onSpeedChange(v -> {
            session.speed = v;
            session.settings.speed(v);
        });
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        root.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            if (files != null && !files.isEmpty()) openFile(files.get(0).toPath());
            e.setDropCompleted(files != null && !files.isEmpty());
            e.consume();
        });
    }

    /** True once the user dragged a divider: from then on the columns keep the user's widths. */
    private boolean userSized;

    /** Hides or shows a side column of the split; the diagram takes the room. */
    private void showColumn(Node column, int slot, boolean show) {
        boolean shown = split.getItems().contains(column);
        if (show == shown) return;
        if (!show) split.getItems().remove(column);
        else split.getItems().add(slot == 0 ? 0 : split.getItems().size(), column);
        if (slot == 0) session.libraryShown = show;
        else session.sideShown = show;
        layoutColumns();
    }

    /**
     * Sizes the columns in pixels from the window's width: the library about a fifth (200-340 px),
     * the side panel at least as wide as its tabs (about 30%, at most 460 px), the diagram the
     * rest. Fractions alone go wrong when a window manager first maps the window tiny: the split
     * clamps them to the minimum widths and keeps the odd result.
     */
    void layoutColumns() {
        double w = split.getWidth();
        // Before the first layout: the window's width, so the first frame already has its columns
        // (otherwise the second frame moves the dividers and draws the diagram again, issue 12).
        if (w <= 0 && root.getScene() != null && root.getScene().getWindow() != null) w = root.getScene().getWindow().getWidth();
        if (w < 600) return;
        boolean left = split.getItems().contains(leftPane), right = split.getItems().contains(sideTabs);
        double lw = left ? Math.max(200, Math.min(320, w * 0.18)) : 0;
        double rw = right ? Math.max(sideTabs.getMinWidth(), Math.min(460, w * 0.3)) : 0;
        if (left && right) split.setDividerPositions(lw / w, (w - rw) / w);
        else if (left) split.setDividerPositions(lw / w);
        else if (right) split.setDividerPositions((w - rw) / w);
    }

    /** Makes the side column at least as wide as all its tab headers (with the current font and language). */
    void fitTabs() {
        if (sideTabs.getScene() == null) return;
        sideTabs.applyCss();
        double w = 0;
        for (Node tab : sideTabs.lookupAll(".tab")) {
            if (tab instanceof Region r) w += r.prefWidth(-1) + 2;
        }
        // plus the header area's insets and the room the skin keeps beside the last tab before it shows the overflow menu
        if (w > 0) sideTabs.setMinWidth(Math.max(240, w + 48));
        if (!userSized) layoutColumns();
    }

    /** Starts the window on its scene: restores what the session kept, registers the extra key combinations. */
    public void start(Scene scene) {
        applyTheme(session.theme);
        refreshRecent();
        model.playback().speedProperty().set(session.speed);
        model.hideFutureProperty().set(session.hideFuture);
        model.absoluteProperty().set(session.absolute);
        libraryItem.setSelected(session.libraryShown);
        sideItem.setSelected(session.sideShown);
        if (session.trace != null) {
            model.restore(session.trace, session.lab.current(), session.file, session.time, session.selected);
        } else if (!session.lab.scenarios().isEmpty()) {
            model.loadScenario(session.lab.scenarios().get(0).id());
        }
        if (session.statusKey != null) model.status(session.statusKey, session.statusArgs);
        root.applyCss();
        fitTabs();
        if (session.spacing != null) diagram().spacingProperty().set(session.spacing);
        // The menu shows the spacing in effect: AUTO follows the source (captures by order, simulations by time).
        InvalidationListener showSpacing = o -> byOrderItem.setSelected(diagramPaneController.effectiveSpacing() == DiagramLayout.Spacing.ORDER);
        diagram().spacingProperty().addListener(showSpacing);
        model.traceProperty().addListener(showSpacing);
        showSpacing.invalidated(null);
        // Keys go to the window, not into the search field, until the user clicks into a field.
        Platform.runLater(() -> diagram().requestFocus());
        // The other keys of zoom: = is + without Shift, and the keypad's + and -.
        addAccelerator(scene, new KeyCodeCombination(KeyCode.EQUALS), this::onZoomIn);
        addAccelerator(scene, new KeyCodeCombination(KeyCode.ADD), this::onZoomIn);
        addAccelerator(scene, new KeyCodeCombination(KeyCode.SUBTRACT), this::onZoomOut);
        // Keys typed into a text field or spinner belong to it, not to the window's accelerators.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, typingGuard);
        scene.addEventFilter(KeyEvent.KEY_RELEASED, typingEnd);
        onDispose.add(() -> {
            scene.removeEventFilter(KeyEvent.KEY_PRESSED, typingGuard);
            scene.removeEventFilter(KeyEvent.KEY_RELEASED, typingEnd);
        });
        InvalidationListener keepSession = o -> remember();
        model.playheadProperty().addListener(keepSession);
        model.selectionProperty().addListener(keepSession);
        model.traceProperty().addListener(keepSession);
        remember();
    }

    /**
     * Builds the panes the first frame does without: a light first part (the diagram pane's
     * tooltips, gauge and speed list, while the first frame is painted), the library and the
     * notes, the contents of the side tabs, then the features ({@link Extensions}). After the first frame
     * {@code app.Windows} calls {@link #buildStep} once per pulse, so the window keeps painting
     * and handling events meanwhile; this builds whatever is left at once, when something asks
     * for one of these panes first.
     */
    public void buildPanes() {
        if (!Platform.isFxApplicationThread()) {
            // (not panesBuilt(): it is true as soon as the last part has begun on the FX thread)
            if (complete || disposed) return;
            // asked from another thread (a test's): built on the FX thread, this one waits
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            Platform.runLater(() -> {
                try {
                    buildPanes();
                } finally {
                    done.countDown();
                }
            });
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        if (panesBuilt() || disposed) return;
        while (buildStep()) {
            // next part
        }
    }

    /** Every part of {@link #buildPanes} is done: what another thread may wait for. */
    private volatile boolean complete;

    /** Parts of {@link #buildPanes}, in order; {@link #built} counts those done or under way. */
    private static final int PARTS = 5;
    private int built;

    /** Builds the next part of the later panes; true while parts remain. */
    public boolean buildStep() {
        if (disposed || built >= PARTS) return false;
        switch (built++) {
            case 0 -> diagramPaneController.afterFirstFrame();
            case 1 -> {
                Panes.Loaded<ScenariosController> sc = load(MainController.class.getResource("scenarios.fxml"));
                Panes.Loaded<NotesController> nt = load(MainController.class.getResource("notes.fxml"));
                scenariosController = sc.controller();
                notesController = nt.controller();
                sc.root().setId("scenarios");
                nt.root().setId("notes");
                leftPane.getItems().setAll(sc.root(), nt.root());
                leftPane.setDividerPositions(0.68);
                if (session.trace != null) scenariosController.scrollToFirst(session.libraryFirstRow);
            }
            case 2 -> {
                inspectorController = fill(inspectorTab, "inspector");
                arithmeticController = fill(arithmeticTab, "arithmetic");
            }
            case 3 -> {
                statesController = fill(stateTab, "states");
                faultsController = fill(faultsTab, "faults");
                statesController.theme(session.theme);
            }
            default -> {
                Extensions.install(this);
                if (root.getScene() != null) {
                    root.applyCss();
                    fitTabs();
                }
            }
        }
        if (built >= PARTS) complete = true;
        return built < PARTS;
    }

    /** True once every part of {@link #buildPanes} is built. */
    public boolean panesBuilt() { return built >= PARTS; }

    private <T> T fill(Tab tab, String name) {
        Panes.Loaded<T> p = load(MainController.class.getResource(name + ".fxml"));
        p.root().setId(name);
        tab.setContent(p.root());
        return p.controller();
    }

    /**
     * Accelerators run in the bubbling phase, after the focused control: a text field consumes
     * arrows itself, but not Space, [ or ]. So a key pressed while typing is marked here, and the
     * window's key actions skip it; the mark ends with the key's release (a menu click still works).
     */
    private final javafx.event.EventHandler<KeyEvent> typingGuard = e -> markTyping = typing(e);
    private final javafx.event.EventHandler<KeyEvent> typingEnd = e -> markTyping = false;
    private boolean markTyping;

    private boolean typing(KeyEvent e) {
        if (e.isShortcutDown() || e.isAltDown()) return false;
        Scene s = root.getScene();
        if (s == null) return false;
        Node f = s.getFocusOwner();
        return f instanceof TextInputControl || f instanceof Spinner || (f instanceof ComboBox<?> c && c.isEditable());
    }

    /** False while the key being pressed was typed into a text field: window key actions then do nothing. */
    public boolean keyFree() {
        return !markTyping;
    }

    private void addAccelerator(Scene scene, KeyCodeCombination k, Runnable r) {
        Runnable guarded = () -> { if (keyFree()) r.run(); };
        scene.getAccelerators().put(k, guarded);
        onDispose.add(() -> scene.getAccelerators().remove(k, guarded));
    }

    private void remember() {
        if (disposed) return;
        session.trace = model.getTrace();
        session.file = model.fileProperty().get();
        session.time = model.getPlayhead();
        session.selected = model.getSelection() == null ? null : model.getSelection().id();
    }

    /**
     * Ends this window: playback stopped, the detached state machine back, key filters and
     * accelerators removed, the session updated. The next window starts from the session.
     */
    public void dispose() {
        if (disposed) return;
        remember();
        session.hideFuture = model.hideFutureProperty().get();
        session.absolute = model.absoluteProperty().get();
        session.spacing = diagram().spacingProperty().get();
        session.statusKey = model.statusKey();
        session.statusArgs = model.statusArgs();
        if (scenariosController != null) session.libraryFirstRow = scenariosController.firstVisible();
        disposed = true;
        if (statesController != null) statesController.attach();
        onDispose.forEach(Runnable::run);
        onDispose.clear();
        model.dispose();
    }

    public boolean isDisposed() { return disposed; }

    /** Runs {@code r} when this window is disposed (a pane's own stage, timer, socket ...). */
    public void onDispose(Runnable r) { onDispose.add(r); }

    // ---- what tests and other panes reach ----

    public WindowModel model() { return model; }
    public Session session() { return session; }
    public ResourceBundle bundle() { return res; }
    public BorderPane root() { return root; }
    // the menus, the split and the side tabs are complete only with the features: asking builds them
    public MenuBar menuBar() { buildPanes(); return menuBar; }
    public SplitPane split() { buildPanes(); return split; }
    public TabPane sideTabs() { buildPanes(); return sideTabs; }
    public Playback playback() { return model.playback(); }
    public SequenceDiagram diagram() { return diagramPaneController.diagram(); }
    public StateMachineView stateMachine() { buildPanes(); return statesController.view(); }
    public ScenariosController scenarios() { buildPanes(); return scenariosController; }
    public NotesController notes() { buildPanes(); return notesController; }
    public DiagramController diagramPane() { return diagramPaneController; }
    public InspectorController inspector() { buildPanes(); return inspectorController; }
    public ArithmeticController arithmetic() { buildPanes(); return arithmeticController; }
    public StateMachineController states() { buildPanes(); return statesController; }
    public FaultsController faults() { buildPanes(); return faultsController; }

    /**
     * Adds a tab to the side panel (quiz, questions, sockets ...). Its content is usually an FXML
     * loaded with {@link #load}, so its controller gets the model.
     */
    public Tab addSideTab(String id, String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        sideTabs.getTabs().add(t);
        Platform.runLater(this::fitTabs);
        return t;
    }

    /** Adds a menu (before View) or returns the existing one with that id. */
    public Menu menu(String id, String title) {
        for (Menu m : menuBar.getMenus()) if (id.equals(m.getId())) return m;
        Menu m = new Menu(title);
        m.setId(id);
        menuBar.getMenus().add(menuBar.getMenus().indexOf(viewMenu), m);
        return m;
    }

    /** Loads a pane's FXML with this window's bundle and controller factory (see {@link Panes}). */
    public <T> Panes.Loaded<T> load(URL fxml) {
        return Panes.load(fxml, res, model, session);
    }

    // ---- playback (menu accelerators) ----

    void onPlayPause() { if (keyFree()) diagramPaneController.onPlayPause(); }
    void onPrevious() { if (keyFree()) diagramPaneController.onPrevious(); }
    void onNext() { if (keyFree()) diagramPaneController.onNext(); }
    void onRestart() { if (keyFree()) diagramPaneController.onRestart(); }
    void onEnd() { if (keyFree()) diagramPaneController.onEnd(); }
    void onFaster() { if (keyFree()) diagramPaneController.stepSpeed(+1); }
    void onSlower() { if (keyFree()) diagramPaneController.stepSpeed(-1); }
    void onZoomIn() { if (keyFree()) diagramPaneController.onZoomIn(); }
    void onZoomOut() { if (keyFree()) diagramPaneController.onZoomOut(); }
    void onFit() { if (keyFree()) diagramPaneController.onFit(); }
    void onSpacing() { diagramPaneController.setByOrder(byOrderItem.isSelected()); }

    void onFullScreen() {
        if (session.stage == null) return;
        session.stage.setFullScreenExitHint(res.getString("fullScreen.exitHint"));
        session.stage.setFullScreen(!session.stage.isFullScreen());
    }

    void onDetachStates() {
        states().detach(session.stage, session.theme);
    }

    // ---- files ----

    void onOpen() {
        FileChooser fc = new FileChooser();
        fc.setTitle(res.getString("menu.open"));
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(res.getString("open.filter"), "*.pcap", "*.pcapng", "*.cap", "*.gz", "*.json"),
                new FileChooser.ExtensionFilter(res.getString("lesson.filter"), "*." + io.github.handshakelab.lesson.LessonFiles.EXTENSION, "*.json"),
                new FileChooser.ExtensionFilter(res.getString("open.all"), "*"));
        File f = fc.showOpenDialog(session.stage);
        if (f != null) openFile(f.toPath());
    }

    /**
     * Opens a capture or trace file (menu, drag and drop, recent files, command line). Only a
     * file that opened joins the recent files; one that failed leaves them. A lesson
     * ({@code .hslesson}, or a {@code .json} with steps: {@link io.github.handshakelab.lesson.LessonFiles})
     * opens as File > Open lesson does, so a double-clicked lesson starts the app on it.
     */
    public void openFile(Path file) {
        if (io.github.handshakelab.lesson.LessonFiles.isLesson(file)) {
            buildPanes();
            LessonsUi.of(this).open(file);
            return;
        }
        String key = file.toAbsolutePath().toString();
        FileOpener.open(session.stage, file, res, t -> onFx(() -> {
            if (disposed) return;
            session.settings.addRecent(key);
            refreshRecent();
            showOpened(file, t);
        }), () -> onFx(() -> {
            session.settings.removeRecent(key);
            if (!disposed) refreshRecent();
        }));
    }

    /** Shows a trace read from {@code file} (a capture or trace JSON) instead of a scenario. */
    public void showOpened(Path file, Trace t) {
        model.showFile(t, file);
    }

    /** The capture opener may call back from its worker thread. */
    private static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) r.run();
        else Platform.runLater(r);
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        for (String p : session.settings.recent()) {
            MenuItem mi = new MenuItem(p);
            mi.setMnemonicParsing(false);
            mi.setOnAction(e -> openFile(Path.of(p)));
            recentMenu.getItems().add(mi);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    /** File > Quit: the window's size is saved as when it is closed. */
    void onQuit() {
        if (session.stage != null) WindowBounds.save(session.stage, session.settings);
        dispose();
        exit.run();
    }

    /** What Quit ends with; a test replaces it so the toolkit stays up. */
    Runnable exit = Platform::exit;

    // ---- theme and language ----

    void onTheme() {
        Theme t = themeDark.isSelected() ? Theme.DARK : themeProjector.isSelected() ? Theme.PROJECTOR : Theme.LIGHT;
        applyTheme(t);
        session.settings.theme(t);
    }

    public void applyTheme(Theme t) {
        session.theme = t;
        (t == Theme.DARK ? themeDark : t == Theme.PROJECTOR ? themeProjector : themeLight).setSelected(true);
        root.getStylesheets().setAll(
                MainController.class.getResource("base.css").toExternalForm(),
                MainController.class.getResource(t.stylesheet).toExternalForm());
        diagramPaneController.theme(t);
        if (statesController != null) statesController.theme(t);
        // Large type widens the tab headers: size the side column again now (and after the next pulse).
        if (root.getScene() != null) {
            root.applyCss();
            fitTabs();
        }
        Platform.runLater(this::fitTabs);
    }

    void onLanguage() {
        Locale l = langZh.isSelected() ? Locale.SIMPLIFIED_CHINESE : Locale.ROOT;
        if (l.equals(session.locale)) return;
        session.locale = l;
        session.settings.language(l.getLanguage().isEmpty() ? "en" : "zh");
        model.playback().pause();
        Platform.runLater(session.rebuild);
    }
}
