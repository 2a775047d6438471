package io.github.handshakelab.view;

import io.github.handshakelab.lesson.Lesson;
import io.github.handshakelab.trace.Side;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.event.EventHandler;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.effect.DropShadow;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Circle;
import javafx.stage.Stage;

/**
 * Presentation mode (View > Present, {@code --present}): the window goes full screen in the
 * projector theme with only the diagram, fitted to the screen, and the caption band below it;
 * the keys a presenter's clicker sends step the lesson. Everything it changes is put back when
 * it ends (Escape), so the window is as it was before.
 */
final class Presentation {

    private static final double LASER_RADIUS = 14;

    private final LessonsUi ui;
    private final MainController c;
    private final Label help = new Label();
    private final Circle laser = new Circle(LASER_RADIUS, Color.rgb(255, 30, 30));

    private Theme theme;
    private boolean library, side, wasFullScreen, panels, blanked;
    private KeyCombination exitKey;
    private double diagramMinHeight;
    private String exitHint;
    private Paint fill;
    private Scene scene;
    private final EventHandler<KeyEvent> keys = this::onKey;
    private final EventHandler<MouseEvent> mouse = this::onMouse;
    private final InvalidationListener refit = o -> Platform.runLater(this::fit);
    private final InvalidationListener resize = o -> scale();

    Presentation(LessonsUi ui) {
        this.ui = ui;
        this.c = ui.c;
        help.getStyleClass().add("lesson-help");
        help.setId("presentHelp");
        help.setText(ui.res.getString("present.help"));
        laser.setId("laser");
        laser.setManaged(false);
        laser.setMouseTransparent(true);
        laser.setVisible(false);
        laser.setEffect(new DropShadow(24, Color.rgb(255, 0, 0, 0.8)));
        laser.setOpacity(0.85);
    }

    boolean blanked() { return blanked; }

    boolean laserOn() { return laser.isVisible(); }

    void enter() {
        Session s = c.session();
        theme = s.theme;
        library = c.libraryItem.isSelected();
        side = c.sideItem.isSelected();
        c.applyTheme(Theme.PROJECTOR);
        c.root().getStylesheets().add(LessonsUi.class.getResource("lessons.css").toExternalForm());
        c.root().getStyleClass().add("presenting");
        setShown(c.menuBar(), false);
        setShown(c.statusLabel, false);
        setShown(c.diagramPane().playbackBar, false);
        setShown(c.diagramPane().timelineBox, false);
        panels(false);
        ui.band.getChildren().add(help);
        c.root().getChildren().add(laser);

        scene = c.root().getScene();
        if (scene != null) {
            scene.addEventFilter(KeyEvent.KEY_PRESSED, keys);
            scene.addEventFilter(MouseEvent.MOUSE_MOVED, mouse);
            scene.addEventFilter(MouseEvent.MOUSE_DRAGGED, mouse);
            fill = scene.getFill();
            scene.widthProperty().addListener(resize);
        }
        Stage stage = s.stage;
        if (stage != null) {
            wasFullScreen = stage.isFullScreen();
            exitKey = stage.getFullScreenExitKeyCombination();
            exitHint = stage.getFullScreenExitHint();
            // Escape leaves presentation mode (and with it full screen), not only full screen.
            stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
            stage.setFullScreenExitHint("");
            stage.setFullScreen(true);
        }
        // The diagram yields height to the caption band: the band's lines are never cut off.
        diagramMinHeight = c.diagram().getMinHeight();
        c.diagram().setMinHeight(120);
        c.diagram().heightProperty().addListener(refit);
        scale();
        c.root().applyCss();
        c.root().layout();
        fit();
        Platform.runLater(this::fit);
        if (ui.lesson() != null && ui.index() >= 0) highlight(ui.lesson().steps().get(ui.index()).highlight());
    }

    void leave() {
        if (ui.presentation != this) return;
        ui.presentation = null;
        if (blanked) blank();
        laser.setVisible(false);
        c.root().getChildren().remove(laser);
        ui.band.getChildren().remove(help);
        ui.band.setStyle("");
        highlight(null);
        c.diagram().heightProperty().removeListener(refit);
        c.diagram().setMinHeight(diagramMinHeight);
        if (scene != null) {
            scene.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
            scene.removeEventFilter(MouseEvent.MOUSE_MOVED, mouse);
            scene.removeEventFilter(MouseEvent.MOUSE_DRAGGED, mouse);
            scene.widthProperty().removeListener(resize);
            scene.setCursor(Cursor.DEFAULT);
        }
        c.root().getStyleClass().remove("presenting");
        setShown(c.menuBar(), true);
        setShown(c.statusLabel, true);
        setShown(c.diagramPane().playbackBar, true);
        setShown(c.diagramPane().timelineBox, true);
        c.libraryItem.setSelected(library);
        c.sideItem.setSelected(side);
        if (!c.isDisposed()) c.applyTheme(theme);
        Stage stage = c.session().stage;
        if (stage != null) {
            stage.setFullScreen(wasFullScreen);
            stage.setFullScreenExitKeyCombination(exitKey);
            stage.setFullScreenExitHint(exitHint);
        }
        ui.refresh();
    }

    void refresh() {
        // The help line is for the first step only: after that the room sees only the lesson.
        boolean first = ui.index() < 0;
        help.setVisible(first);
        help.setManaged(first);
    }

    /** Shows the side panels (and the library) or hides them; the diagram takes the room. */
    void panels(boolean show) {
        panels = show;
        c.libraryItem.setSelected(show);
        c.sideItem.setSelected(show);
        Platform.runLater(this::fit);
    }

    private static void setShown(Node n, boolean on) {
        n.setVisible(on);
        n.setManaged(on);
    }

    /** The caption's type follows the screen: the same share of the width at 1280 as at 1920 pixels. */
    private void scale() {
        double w = scene != null && scene.getWidth() > 0 ? scene.getWidth() : 1280;
        ui.band.setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;", Math.max(18, Math.min(40, w / 56))));
    }

    /**
     * Fits the whole exchange to the room the caption band leaves with the diagram's own fit (it
     * stays fitted as the window and the steps' traces change, until the presenter zooms), again
     * whenever the band changes height, and keeps the playhead in view: the Fit button's scroll to
     * the top would leave a step's segment under the band in a diagram too tall for the screen.
     */
    void fit() {
        if (ui.presentation != this) return;
        c.root().layout();
        c.diagram().fitToHeight();
        c.diagram().followPlayhead();
    }

    /** The height of the diagram's canvas: the part that scrolls, under the lifelines' names and badges. */
    static double drawingHeight(SequenceDiagram d) {
        Node canvas = d.lookup("Canvas");
        return canvas instanceof javafx.scene.canvas.Canvas cv ? cv.getHeight() : d.getHeight();
    }

    void highlight(Lesson.Highlight h) {
        for (Side s : Side.values()) {
            Node badge = c.diagram().lookup(s == Side.CLIENT ? "#clientBadge" : "#serverBadge");
            if (badge == null) continue;
            boolean on = ui.presentation == this && h instanceof Lesson.Highlight.OfState st && st.side() == s;
            if (on && !badge.getStyleClass().contains("lesson-highlight")) badge.getStyleClass().add("lesson-highlight");
            if (!on) badge.getStyleClass().remove("lesson-highlight");
        }
    }

    /** B (or the '.' of PowerPoint clickers): a black screen, again to come back. */
    void blank() {
        blanked = !blanked;
        c.root().setOpacity(blanked ? 0 : 1);
        if (scene != null) scene.setFill(blanked ? Color.BLACK : fill);
    }

    void laser() {
        boolean on = !laser.isVisible();
        laser.setVisible(on);
        laser.toFront();
        if (scene != null) scene.setCursor(on ? Cursor.NONE : Cursor.DEFAULT);
    }

    private void onMouse(MouseEvent e) {
        if (!laser.isVisible()) return;
        Point2D p = c.root().sceneToLocal(e.getSceneX(), e.getSceneY());
        laser.setCenterX(p.getX());
        laser.setCenterY(p.getY());
    }

    private void onKey(KeyEvent e) {
        switch (e.getCode()) {
            case PAGE_DOWN, RIGHT, DOWN, SPACE, ENTER -> ui.next();
            case PAGE_UP, LEFT, UP, BACK_SPACE -> ui.previous();
            case HOME -> ui.first();
            case END -> ui.last();
            case B, PERIOD -> blank();
            case L -> laser();
            case P, TAB -> panels(!panels);
            case ESCAPE -> leave();
            case F5 -> { }
            default -> { return; }
        }
        e.consume();
    }
}
