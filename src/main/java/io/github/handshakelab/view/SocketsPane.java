package io.github.handshakelab.view;

import io.github.handshakelab.sockets.SocketTable;
import io.github.handshakelab.text.Messages;
import io.github.handshakelab.trace.Endpoint;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * The socket table at the playhead (issue 9, DESIGN §6.3): for each host what {@code ss -tan} (or,
 * on the toggle, {@code netstat -tan}) would print, from the same {@link SocketTable} the CLI's
 * {@code render --format sockets} uses. Monospaced, as a terminal shows it.
 */
public final class SocketsPane extends VBox {

    private final Locale locale;
    private final CheckBox netstat = new CheckBox();
    private final Label at = new Label();
    private final Label clientHeading = new Label();
    private final Label clientTable = new Label();
    private final Label serverHeading = new Label();
    private final Label serverTable = new Label();
    private Trace trace;
    private long time;
    private IntSupplier backlog = () -> SocketTable.DEFAULT_BACKLOG;
    private List<SocketTable.Row> rows = List.of();

    public SocketsPane(Locale locale) {
        this.locale = locale;
        setId("socketsPane");
        getStyleClass().add("sockets-pane");
        setSpacing(4);
        setPadding(new Insets(6));
        netstat.setId("netstatToggle");
        netstat.setText(Messages.get(locale, "sockets.pane.netstat"));
        netstat.selectedProperty().addListener(o -> refresh());
        at.setId("socketsAt");
        clientTable.setId("clientSockets");
        serverTable.setId("serverSockets");
        for (Label l : List.of(clientTable, serverTable)) {
            l.getStyleClass().add("sockets-table");
            // Columns line up only in a monospaced face; "monospace" maps to the platform's one.
            l.setStyle("-fx-font-family: 'monospace'; -fx-font-size: 11px;");
            // A terminal never elides a column: scroll instead.
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        clientHeading.getStyleClass().add("section-heading");
        serverHeading.getStyleClass().add("section-heading");
        VBox tables = new VBox(4, clientHeading, clientTable, serverHeading, serverTable);
        ScrollPane scroll = new ScrollPane(tables);
        scroll.setId("socketsScroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(netstat, at, scroll);
    }

    /** The trace to show; {@code backlog} gives the listener's backlog (the simulation's parameter). */
    public void setTrace(Trace trace, IntSupplier backlog) {
        this.trace = trace;
        this.backlog = backlog == null ? () -> SocketTable.DEFAULT_BACKLOG : backlog;
        refresh();
    }

    public void setTime(long t) {
        this.time = t;
        refresh();
    }

    public CheckBox netstatToggle() { return netstat; }

    /** The rows on screen now (both hosts). */
    public List<SocketTable.Row> rows() { return rows; }

    public String tableText(Side side) {
        return (side == Side.CLIENT ? clientTable : serverTable).getText();
    }

    private void refresh() {
        at.setText(Messages.format(locale, "sockets.pane.at", String.format(Locale.ROOT, "%.3f s", time / 1e6)));
        if (trace == null) {
            rows = List.of();
            clientHeading.setText("");
            serverHeading.setText("");
            clientTable.setText("");
            serverTable.setText("");
            return;
        }
        rows = SocketTable.at(trace, time, backlog.getAsInt());
        fill(Side.CLIENT, clientHeading, clientTable);
        fill(Side.SERVER, serverHeading, serverTable);
    }

    private void fill(Side side, Label heading, Label table) {
        Endpoint e = trace.endpoint(side);
        String cmd = netstat.isSelected() ? "netstat -tan" : "ss -tan";
        heading.setText(Messages.format(locale, "sockets.pane.host", Messages.get(locale, "tcp.txt." + side.id()),
                (e.address() == null ? "?" : e.address()) + "  $ " + cmd));
        List<SocketTable.Row> mine = SocketTable.of(rows, side);
        List<String> lines = SocketTable.lines(mine, netstat.isSelected());
        StringBuilder b = new StringBuilder(String.join("\n", lines));
        if (mine.isEmpty()) b.append('\n').append(Messages.get(locale, "sockets.pane.empty"));
        table.setText(b.toString());
    }
}
