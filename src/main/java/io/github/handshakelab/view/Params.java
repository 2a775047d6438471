package io.github.handshakelab.view;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** Moves {@link Lab.Params} in and out of the parameter pane, with one clear message for bad input. */
final class Params {
    private Params() {}

    static void fill(MainController c, Lab.Params p) {
        if (p == null) return;
        c.delaySpinner.getValueFactory().setValue((int) p.delayMs());
        c.rtoSpinner.getValueFactory().setValue((int) p.rtoMs());
        c.mslSpinner.getValueFactory().setValue((int) p.mslS());
        c.isnRandom.setSelected(p.isnClient() == null && p.isnServer() == null);
        c.isnClientField.setText(p.isnClient() == null ? "" : String.valueOf(p.isnClient()));
        c.isnServerField.setText(p.isnServer() == null ? "" : String.valueOf(p.isnServer()));
        c.seedField.setText(String.valueOf(p.seed()));
        c.synCookies.setSelected(p.synCookies());
        c.backlogSpinner.getValueFactory().setValue(p.backlog());
    }

    static Lab.Params read(MainController c, ResourceBundle res) {
        Long ic = null, is = null;
        if (!c.isnRandom.isSelected()) {
            ic = isn(c.isnClientField.getText(), res.getString("params.isnClient"), res);
            is = isn(c.isnServerField.getText(), res.getString("params.isnServer"), res);
        }
        long seed;
        try {
            seed = Long.parseLong(c.seedField.getText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MessageFormat.format(res.getString("params.badNumber"), res.getString("params.seed"), c.seedField.getText()));
        }
        return new Lab.Params(c.delaySpinner.getValue(), c.rtoSpinner.getValue(), c.mslSpinner.getValue(), ic, is, seed,
                c.synCookies.isSelected(), c.backlogSpinner.getValue());
    }

    /** An ISN is an unsigned 32-bit number, 0 .. 4294967295. */
    private static Long isn(String text, String field, ResourceBundle res) {
        try {
            long v = Long.parseLong(text.trim());
            if (v < 0 || v > 0xFFFF_FFFFL) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MessageFormat.format(res.getString("params.badIsn"), field, text));
        }
    }
}
