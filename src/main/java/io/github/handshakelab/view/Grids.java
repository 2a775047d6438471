package io.github.handshakelab.view;

import javafx.geometry.HPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

import java.util.ResourceBundle;

/** The name/value grids of the inspector and arithmetic panes: values wrap instead of running off the pane. */
final class Grids {
    private Grids() {}

    static FieldGrid grid() {
        FieldGrid g = new FieldGrid();
        g.setHgap(10);
        g.setVgap(4);
        g.getStyleClass().add("field-grid");
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setHalignment(HPos.LEFT);
        c0.setMinWidth(Region.USE_PREF_SIZE);
        g.getColumnConstraints().add(c0);
        return g;
    }

    /**
     * A name/value grid. With {@link #namesShare} its names get a share of the width, but never
     * less than their widest word: a narrow panel in large type (the projector theme at 1280x800)
     * would otherwise cut "Acknowledgment" in two instead of wrapping between words.
     */
    static final class FieldGrid extends GridPane {
        private double share;

        /** Names take {@code percent} of the width (or what their widest word needs), values the rest. */
        void namesShare(double percent) {
            share = percent;
            // (not the names' unwrapped width: that would be the grid's least width, wider than the panel)
            getColumnConstraints().get(0).setMinWidth(60);
            split(percent);
        }

        private void split(double percent) {
            getColumnConstraints().get(0).setPercentWidth(percent);
            getColumnConstraints().get(1).setPercentWidth(100 - percent);
        }

        @Override
        protected void layoutChildren() {
            double inner = getWidth() - snappedLeftInset() - snappedRightInset() - getHgap();
            if (share > 0 && inner > 0) {
                double p = Math.max(share, Math.min(70, 100 * widestNameWord() / inner));
                if (Math.abs(p - getColumnConstraints().get(0).getPercentWidth()) > 0.01) split(p);
            }
            super.layoutChildren();
        }

        private double widestNameWord() {
            double widest = 0;
            Text probe = new Text();
            for (Node n : getChildren()) {
                Integer col = GridPane.getColumnIndex(n);
                if ((col != null && col != 0) || !(n instanceof Label l) || l.getText() == null) continue;
                // Chinese wraps between any two characters.
                if (l.getText().codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) continue;
                probe.setFont(l.getFont());
                for (String word : l.getText().split("\\s+")) {
                    probe.setText(word);
                    widest = Math.max(widest, probe.getLayoutBounds().getWidth() + l.snappedLeftInset() + l.snappedRightInset() + 1);
                }
            }
            return widest;
        }
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
