package io.github.handshakelab.view;

import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.ResourceBundle;

/** The name/value grids of the inspector and arithmetic panes: values wrap instead of running off the pane. */
final class Grids {
    private Grids() {}

    static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(4);
        g.getStyleClass().add("field-grid");
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setHalignment(HPos.LEFT);
        c0.setMinWidth(Region.USE_PREF_SIZE);
        g.getColumnConstraints().add(c0);
        return g;
    }

    /** A value column that takes the rest of the width and lets its labels wrap. */
    static ColumnConstraints valueColumn() {
        ColumnConstraints c = new ColumnConstraints();
        c.setHgrow(Priority.ALWAYS);
        c.setMinWidth(40);
        return c;
    }

    static int row(GridPane g, int r, ResourceBundle res, String key, String value) {
        Label k = new Label(res.getString(key));
        k.getStyleClass().add("field-name");
        k.setWrapText(true);
        Label v = mono(value);
        v.setWrapText(true);
        g.add(k, 0, r);
        g.add(v, 1, r);
        return r + 1;
    }

    static Label mono(String s) {
        Label l = new Label(s);
        // The monospace family has no CJK glyphs; Chinese values use the UI family instead.
        if ("System".equals(Fonts.family())) l.getStyleClass().add("mono");
        l.setMinWidth(0);
        return l;
    }

    static Label header(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("field-name");
        return l;
    }

    static Label hint(ResourceBundle res, String key) {
        Label l = new Label(res.getString(key));
        l.setWrapText(true);
        l.getStyleClass().add("hint");
        return l;
    }
}
