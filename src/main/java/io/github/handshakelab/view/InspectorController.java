package io.github.handshakelab.view;

import io.github.handshakelab.text.TimeFormat;
import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import javafx.fxml.FXML;
import javafx.fxml.Initializable;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;

import java.net.URL;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ResourceBundle;

import static io.github.handshakelab.view.Grids.row;

/** The inspector: every field of the selected segment, and for a captured one its decoded frame. */
public final class InspectorController implements Initializable {

    @FXML VBox inspectorBox;

    private final WindowModel model;
    private ResourceBundle res;

    public InspectorController(WindowModel model) {
        this.model = model;
    }

    @Override
    public void initialize(URL location, ResourceBundle resources) {
        res = resources;
        model.selectionProperty().addListener((o, a, s) -> show(s));
        show(model.getSelection());
    }

    private void show(TraceEvent.Segment s) {
        inspectorBox.getChildren().clear();
        Trace trace = model.getTrace();
        if (s == null || trace == null) {
            inspectorBox.getChildren().add(Grids.hint(res, "inspector.none"));
            return;
        }
        Grids.FieldGrid g = Grids.grid();
        // Names and values share a narrow panel (projector type): names wrap too instead of taking it all.
        g.getColumnConstraints().add(Grids.valueColumn());
        g.namesShare(42);
        int r = 0;
        String dir = res.getString(s.from() == Side.CLIENT ? "inspector.clientToServer" : "inspector.serverToClient");
        r = row(g, r, res, "inspector.segment", "#" + s.id() + "  " + dir);
        var src = trace.endpoint(s.from());
        var dst = trace.endpoint(s.to());
        if (src != null && dst != null && src.port() >= 0 && dst.port() >= 0) {
            r = row(g, r, res, "inspector.ports", src.port() + " → " + dst.port());
        }
        r = row(g, r, res, "inspector.sent", TimeFormat.instant(s.sent()));
        String fate = s.isDropped() ? res.getString("inspector.lost") + " (" + TimeFormat.instant(s.dropped()) + ")"
                : s.arrived() == TraceEvent.NONE ? res.getString("inspector.captured") : TimeFormat.instant(s.arrived());
        r = row(g, r, res, "inspector.arrived", fate);
        StringBuilder bits = new StringBuilder();
        String[] names = {"CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN"};
        int[] values = {TcpFlags.CWR, TcpFlags.ECE, TcpFlags.URG, TcpFlags.ACK, TcpFlags.PSH, TcpFlags.RST, TcpFlags.SYN, TcpFlags.FIN};
        for (int i = 0; i < names.length; i++) bits.append(names[i]).append('=').append(s.flags().has(values[i]) ? 1 : 0).append(i == 3 ? "\n" : "  ");
        r = row(g, r, res, "inspector.flags", s.flags() + "  (0x" + String.format("%02x", s.flags().bits()) + ")\n" + bits.toString().trim());
        r = row(g, r, res, "inspector.seq", s.seq() + "   (" + res.getString("inspector.absolute") + " " + s.seqAbs() + ")");
        r = row(g, r, res, "inspector.ack", s.hasAck() ? s.ack() + "   (" + res.getString("inspector.absolute") + " " + s.ackAbs() + ")" : "—");
        r = row(g, r, res, "inspector.len", s.len() + "   (" + MessageFormat.format(res.getString("inspector.seqSpace"), s.seqSpace()) + ")");
        r = row(g, r, res, "inspector.window", String.valueOf(s.window()));
        r = row(g, r, res, "inspector.options", s.options() == null || s.options().isEmpty() ? "—" : String.join(", ", s.options()));
        r = row(g, r, res, "inspector.retransmission", res.getString(s.retransmission() ? "common.yes" : "common.no"));
        r = row(g, r, res, "inspector.analysis", s.analysis() == null || s.analysis().isEmpty() ? "—" : String.join(", ", s.analysis()));
        r = row(g, r, res, "inspector.payload", s.payloadInfo() == null || s.payloadInfo().isEmpty() ? "—" : s.payloadInfo());
        if (s.frame() != TraceEvent.NONE) row(g, r, res, "inspector.frame", String.valueOf(s.frame()));
        inspectorBox.getChildren().add(g);
        Path file = model.fileProperty().get();
        // A trace JSON of a capture has no frames to decode; only the capture file itself does.
        if (s.frame() != TraceEvent.NONE && file != null && trace.source() == Trace.Source.CAPTURE
                && !file.toString().endsWith(".json")) {
            Button decode = new Button(MessageFormat.format(res.getString("inspector.decodeFrame"), s.frame()));
            decode.setId("decodeFrame");
            decode.setWrapText(true);
            decode.setOnAction(e -> decodeFrame(file, s.frame()));
            inspectorBox.getChildren().add(decode);
        }
    }

    /**
     * Every layer of one captured frame as pcap4j decodes it. Reading up to the frame can take a
     * while on a big file, so it runs off the FX thread; the result opens in its own window.
     */
    private void decodeFrame(Path file, long frame) {
        javafx.concurrent.Task<String> task = new javafx.concurrent.Task<>() {
            @Override
            protected String call() throws Exception {
                return io.github.handshakelab.capture.FrameDetails.describe(file, frame);
            }
        };
        task.setOnSucceeded(e -> {
            javafx.scene.control.TextArea text = new javafx.scene.control.TextArea(task.getValue());
            text.setEditable(false);
            text.setId("frameDecode");
            text.setStyle("-fx-font-family: monospace;");
            javafx.stage.Stage w = new javafx.stage.Stage();
            if (inspectorBox.getScene() != null) w.initOwner(inspectorBox.getScene().getWindow());
            w.setTitle(MessageFormat.format(res.getString("inspector.decodeTitle"), frame, file.getFileName()));
            w.setScene(new javafx.scene.Scene(text, 640, 520));
            w.show();
        });
        task.setOnFailed(e -> model.status("status.decodeFailed", task.getException().getMessage()));
        Thread t = new Thread(task, "frame-decode");
        t.setDaemon(true);
        t.start();
    }
}
