package io.github.handshakelab.view;

import io.github.handshakelab.text.TimeFormat;
import io.github.handshakelab.tcp.Tcb;
import io.github.handshakelab.text.Explanation;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import javafx.fxml.FXML;
import javafx.fxml.Initializable;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.net.URL;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/** The arithmetic pane: why the selected segment carries its numbers, and both TCBs when it left. */
public final class ArithmeticController implements Initializable {

    @FXML VBox arithmeticBox;

    private final WindowModel model;
    private ResourceBundle res;

    public ArithmeticController(WindowModel model) {
        this.model = model;
    }

    @Override
    public void initialize(URL location, ResourceBundle resources) {
        res = resources;
        model.selectionProperty().addListener((o, a, s) -> show(s));
        model.absoluteProperty().addListener(o -> show(model.getSelection()));
        show(model.getSelection());
    }

    private void show(TraceEvent.Segment s) {
        arithmeticBox.getChildren().clear();
        Trace t = model.getTrace();
        if (s == null || t == null) {
            arithmeticBox.getChildren().add(Grids.hint(res, "inspector.none"));
            return;
        }
        Label head = new Label(s.label(model.absoluteProperty().get()));
        head.getStyleClass().add("arith-head");
        head.setWrapText(true);
        arithmeticBox.getChildren().add(head);
        if (s.explain() == null || s.explain().isEmpty()) {
            arithmeticBox.getChildren().add(Grids.hint(res, "arith.noExplanation"));
        } else {
            for (Explanation e : s.explain()) {
                Label l = new Label("• " + model.render(e));
                l.setWrapText(true);
                l.getStyleClass().add("arith-line");
                arithmeticBox.getChildren().add(l);
            }
        }
        Label tcbTitle = new Label(MessageFormat.format(res.getString("arith.tcbAt"), TimeFormat.instant(s.sent())));
        tcbTitle.getStyleClass().add("pane-subtitle");
        tcbTitle.setWrapText(true);
        arithmeticBox.getChildren().add(tcbTitle);
        Tcb c = t.tcbAt(Side.CLIENT, s.sent()), v = t.tcbAt(Side.SERVER, s.sent());
        if (c == null && v == null) {
            arithmeticBox.getChildren().add(Grids.hint(res, "arith.noTcb"));
            return;
        }
        GridPane g = Grids.grid();
        g.getColumnConstraints().add(Grids.valueColumn());
        g.getColumnConstraints().add(Grids.valueColumn());
        g.add(Grids.header(res.getString("diagram.client")), 1, 0);
        g.add(Grids.header(res.getString("diagram.server")), 2, 0);
        String[] vars = {"state", "ISS", "IRS", "SND.UNA", "SND.NXT", "RCV.NXT", "SND.WND", "RCV.WND"};
        for (int i = 0; i < vars.length; i++) {
            g.add(new Label(vars[i].equals("state") ? res.getString("arith.state") : vars[i]), 0, i + 1);
            Label cv = Grids.mono(tcbValue(c, i)), sv = Grids.mono(tcbValue(v, i));
            cv.setWrapText(true);
            sv.setWrapText(true);
            g.add(cv, 1, i + 1);
            g.add(sv, 2, i + 1);
        }
        arithmeticBox.getChildren().add(g);
        arithmeticBox.getChildren().add(Grids.hint(res, "arith.relativeNote"));
    }

    /** Absolute value, and relative to the own ISS (send side) or the peer's IRS (receive side). */
    private static String tcbValue(Tcb t, int i) {
        if (t == null) return "—";
        return switch (i) {
            case 0 -> t.state().name();
            case 1 -> String.valueOf(t.iss());
            case 2 -> t.hasIrs() ? String.valueOf(t.irs()) : "—";
            case 3 -> t.sndUna() + " (" + rel(t.sndUna(), t.iss()) + ")";
            case 4 -> t.sndNxt() + " (" + rel(t.sndNxt(), t.iss()) + ")";
            case 5 -> t.hasIrs() ? t.rcvNxt() + " (" + rel(t.rcvNxt(), t.irs()) + ")" : String.valueOf(t.rcvNxt());
            case 6 -> String.valueOf(t.sndWnd());
            default -> String.valueOf(t.rcvWnd());
        };
    }

    /** Relative sequence number modulo 2^32 (RFC 9293 §3.4). */
    private static long rel(long v, long base) {
        return (v - base) & 0xFFFF_FFFFL;
    }
}
