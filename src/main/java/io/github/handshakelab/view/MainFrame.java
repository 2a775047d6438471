package io.github.handshakelab.view;

import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.ResourceBundle;

/**
 * The main window's frame, built in code: the menus (every key is an accelerator shown there),
 * the three columns, the status line, and the diagram with its playback bar, the half-open gauge
 * and the timeline. Every other pane is its own FXML with its own controller, loaded by
 * {@link MainController#buildPanes} after the first frame.
 * <p>
 * Why not FXML here (issue 12, the first window within 1.3x of a one-label window): loading
 * main.fxml and diagram.fxml was the first use of FXMLLoader in the JVM, and its own code (the XML
 * reader, the reflection on every type and setter, the builders) took about 60% of that load and
 * sat on the window thread before the first frame. Built here, the frame costs the constructors
 * and setters alone; FXMLLoader first runs after the first frame, for the panes. The controllers
 * are the same: their {@code @FXML} fields are set and {@code initialize} is called as the loader
 * did (the diagram's first, as an include's), and every {@code fx:id} is the node's id.
 */
public final class MainFrame {
    private MainFrame() {}

    /** The frame's root and its controller, with the diagram pane's controller in it. */
    public static Panes.Loaded<MainController> build(ResourceBundle res, WindowModel model, Session session) {
        MainController c = new MainController(model, session);
        c.root = id(new BorderPane(), "root");
        c.root.getStyleClass().add("main");
        c.root.setTop(menuBar(c, res));

        c.split = id(new SplitPane(), "split");
        c.split.setDividerPositions(0.2, 0.7);
        c.leftPane = id(new SplitPane(), "leftPane");
        c.leftPane.setOrientation(Orientation.VERTICAL);
        c.leftPane.setDividerPositions(0.68);
        c.leftPane.setMinWidth(180);
        c.diagramPaneController = new DiagramController(model);
        VBox diagramPane = diagramPane(c.diagramPaneController, res);
        c.sideTabs = id(new TabPane(), "sideTabs");
        c.sideTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        c.sideTabs.setMinWidth(240);
        c.inspectorTab = tab("inspectorTab", res.getString("tab.inspector"));
        c.arithmeticTab = tab("arithmeticTab", res.getString("tab.arithmetic"));
        c.stateTab = tab("stateTab", res.getString("tab.states"));
        c.faultsTab = tab("faultsTab", res.getString("tab.faults"));
        c.sideTabs.getTabs().addAll(c.inspectorTab, c.arithmeticTab, c.stateTab, c.faultsTab);
        c.split.getItems().addAll(c.leftPane, diagramPane, c.sideTabs);
        c.root.setCenter(c.split);

        c.statusLabel = id(new Label(), "statusLabel");
        c.statusLabel.getStyleClass().add("status");
        c.statusLabel.setMaxWidth(Double.POSITIVE_INFINITY);
        c.root.setBottom(c.statusLabel);
        c.initialize(res);
        return new Panes.Loaded<>(c.root, c);
    }

    private static MenuBar menuBar(MainController c, ResourceBundle res) {
        c.openItem = item("openItem", res.getString("menu.open"), "Shortcut+O", e -> c.onOpen());
        c.recentMenu = menu("recentMenu", res.getString("menu.recent"));
        c.quitItem = item("quitItem", res.getString("menu.quit"), "Shortcut+Q", e -> c.onQuit());
        c.fileMenu = menu("fileMenu", res.getString("menu.file"), c.openItem, c.recentMenu, new SeparatorMenuItem(), c.quitItem);

        c.playItem = item("playItem", res.getString("menu.playPause"), "Space", e -> c.onPlayPause());
        c.prevItem = item("prevItem", res.getString("menu.previous"), "Left", e -> c.onPrevious());
        c.nextItem = item("nextItem", res.getString("menu.next"), "Right", e -> c.onNext());
        c.restartItem = item("restartItem", res.getString("menu.restart"), "Home", e -> c.onRestart());
        c.endItem = item("endItem", res.getString("menu.end"), "End", e -> c.onEnd());
        c.fasterItem = item("fasterItem", res.getString("menu.faster"), "Close Bracket", e -> c.onFaster());
        c.slowerItem = item("slowerItem", res.getString("menu.slower"), "Open Bracket", e -> c.onSlower());
        c.playMenu = menu("playMenu", res.getString("menu.playback"), c.playItem, c.prevItem, c.nextItem, c.restartItem, c.endItem,
                new SeparatorMenuItem(), c.fasterItem, c.slowerItem);

        c.themeLight = radio("themeLight", res.getString("theme.light"), e -> c.onTheme());
        c.themeDark = radio("themeDark", res.getString("theme.dark"), e -> c.onTheme());
        c.themeProjector = radio("themeProjector", res.getString("theme.projector"), e -> c.onTheme());
        c.langEn = radio("langEn", "English", e -> c.onLanguage());
        c.langZh = radio("langZh", "简体中文", e -> c.onLanguage());
        c.absoluteItem = check("absoluteItem", res.getString("menu.absolute"), null, null);
        c.hideFutureItem = check("hideFutureItem", res.getString("menu.hideFuture"), null, null);
        c.zoomInItem = item("zoomInItem", res.getString("menu.zoomInItem"), "Plus", e -> c.onZoomIn());
        c.zoomOutItem = item("zoomOutItem", res.getString("menu.zoomOutItem"), "Minus", e -> c.onZoomOut());
        c.fitItem = item("fitItem", res.getString("menu.fit"), "0", e -> c.onFit());
        c.byOrderItem = check("byOrderItem", res.getString("menu.byOrder"), "Shortcut+B", e -> c.onSpacing());
        c.libraryItem = check("libraryItem", res.getString("menu.showLibrary"), "Shortcut+1", null);
        c.libraryItem.setSelected(true);
        c.sideItem = check("sideItem", res.getString("menu.showSide"), "Shortcut+2", null);
        c.sideItem.setSelected(true);
        c.detachItem = item("detachItem", res.getString("menu.detachStates"), "Shortcut+D", e -> c.onDetachStates());
        c.fullScreenItem = item("fullScreenItem", res.getString("menu.fullScreenKey"), "F11", e -> c.onFullScreen());
        c.viewMenu = menu("viewMenu", res.getString("menu.view"),
                menu(null, res.getString("menu.theme"), c.themeLight, c.themeDark, c.themeProjector),
                menu(null, res.getString("menu.language"), c.langEn, c.langZh),
                c.absoluteItem, c.hideFutureItem, new SeparatorMenuItem(),
                c.zoomInItem, c.zoomOutItem, c.fitItem, c.byOrderItem, new SeparatorMenuItem(),
                c.libraryItem, c.sideItem, c.detachItem, c.fullScreenItem);

        c.menuBar = id(new MenuBar(c.fileMenu, c.playMenu, c.viewMenu), "menuBar");
        return c.menuBar;
    }

    /**
     * The diagram with its playback bar: a FlowPane, so on a narrow window or in large type its
     * controls wrap to a second row instead of falling off. Each control's tooltip is its
     * accessible help, made into a Tooltip after the first frame ({@link DiagramController#installTooltips}).
     */
    private static VBox diagramPane(DiagramController d, ResourceBundle res) {
        d.restartButton = button("restartButton", "|◀", res.getString("play.restart"), e -> d.onRestart());
        d.prevButton = button("prevButton", "◀", res.getString("play.previous"), e -> d.onPrevious());
        d.playButton = button("playButton", res.getString("play.play"), res.getString("play.playKey"), e -> d.onPlayPause());
        d.playButton.getStyleClass().add("play-button");
        d.nextButton = button("nextButton", "▶", res.getString("play.next"), e -> d.onNext());
        d.speedBox = id(new ComboBox<>(), "speedBox");
        d.speedBox.setPrefWidth(90);
        d.speedBox.setSkin(new LateListSkin<>(d.speedBox));
        d.speedBox.setAccessibleHelp(res.getString("play.speedKeys"));
        d.timeLabel = id(new Label(), "timeLabel");
        d.timeLabel.getStyleClass().add("time-label");
        d.timeLabel.setMinWidth(130);
        d.absoluteToggle = id(new ToggleButton(res.getString("toolbar.absolute")), "absoluteToggle");
        d.zoomOutButton = button("zoomOutButton", "−", res.getString("menu.zoomOut"), e -> d.onZoomOut());
        d.zoomInButton = button("zoomInButton", "+", res.getString("menu.zoomIn"), e -> d.onZoomIn());
        d.fitButton = button("fitButton", res.getString("toolbar.fit"), res.getString("menu.fit"), e -> d.onFit());
        d.playbackBar = id(new FlowPane(6, 4,
                row(4, d.restartButton, d.prevButton, d.playButton, d.nextButton),
                row(4, new Label(res.getString("play.speed")), d.speedBox),
                d.timeLabel,
                row(4, d.absoluteToggle, d.zoomOutButton, d.zoomInButton, d.fitButton)), "playbackBar");
        d.playbackBar.getStyleClass().add("playback-bar");
        d.playbackBar.setAlignment(Pos.CENTER_LEFT);
        d.playbackBar.setPadding(new Insets(4, 6, 4, 6));

        d.diagram = id(new SequenceDiagram(), "diagram");
        VBox.setVgrow(d.diagram, Priority.ALWAYS);
        d.diagram.setMinWidth(200);
        d.diagram.setMinHeight(120);

        Label gaugeTitle = id(new Label(res.getString("gauge.halfOpen")), "gaugeTitle");
        gaugeTitle.setMinWidth(0);
        d.gaugeBar = id(new ProgressBar(0), "gaugeBar");
        d.gaugeBar.setPrefWidth(200);
        d.gaugeBar.setMinWidth(60);
        HBox.setHgrow(d.gaugeBar, Priority.ALWAYS);
        d.gaugeLabel = id(new Label(), "gaugeLabel");
        d.gaugeLabel.setMinWidth(Region.USE_PREF_SIZE);
        d.gaugeBox = id(row(8, gaugeTitle, d.gaugeBar, d.gaugeLabel), "gaugeBox");
        d.gaugeBox.getStyleClass().add("gauge-box");
        d.gaugeBox.setVisible(false);
        d.gaugeBox.setManaged(false);
        d.gaugeBox.setPadding(new Insets(4, 8, 4, 8));

        d.tickCanvas = id(new Canvas(), "tickCanvas");
        d.tickCanvas.setHeight(30);
        d.tickCanvas.setMouseTransparent(true);
        d.scrubber = id(new Slider(0, 1, 0), "scrubber");
        d.timelineBox = id(new StackPane(d.tickCanvas, d.scrubber), "timelineBox");
        d.timelineBox.getStyleClass().add("timeline");
        d.timelineBox.setMinWidth(0);

        // (the gauge joins the pane after the first frame, or when a trace needs it: DiagramController.placeGauge)
        d.diagramPane = id(new VBox(2, d.playbackBar, d.diagram, d.timelineBox), "diagramPane");
        d.diagramPane.setMinWidth(320);
        d.initialize(res);
        return d.diagramPane;
    }

    private static <N extends Node> N id(N n, String id) {
        n.setId(id);
        return n;
    }

    private static HBox row(double spacing, Node... children) {
        HBox b = new HBox(spacing, children);
        b.setAlignment(Pos.CENTER_LEFT);
        return b;
    }

    private static Button button(String id, String text, String help, EventHandler<ActionEvent> onAction) {
        Button b = id(new Button(text), id);
        b.setOnAction(onAction);
        b.setAccessibleHelp(help);
        return b;
    }

    private static Tab tab(String id, String text) {
        Tab t = new Tab(text);
        t.setId(id);
        return t;
    }

    private static Menu menu(String id, String text, MenuItem... items) {
        Menu m = new Menu(text, null, items);
        m.setId(id);
        return m;
    }

    private static MenuItem item(String id, String text, String accelerator, EventHandler<ActionEvent> onAction) {
        return item(new MenuItem(text), id, accelerator, onAction);
    }

    private static RadioMenuItem radio(String id, String text, EventHandler<ActionEvent> onAction) {
        return item(new RadioMenuItem(text), id, null, onAction);
    }

    private static CheckMenuItem check(String id, String text, String accelerator, EventHandler<ActionEvent> onAction) {
        return item(new CheckMenuItem(text), id, accelerator, onAction);
    }

    private static <M extends MenuItem> M item(M m, String id, String accelerator, EventHandler<ActionEvent> onAction) {
        m.setId(id);
        if (accelerator != null) m.setAccelerator(KeyCombination.valueOf(accelerator));
        if (onAction != null) m.setOnAction(onAction);
        return m;
    }
}
