package io.github.handshakelab.view;

import io.github.handshakelab.tcp.Tcb;
import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.tcp.UserCall;
import io.github.handshakelab.text.Explanation;
import io.github.handshakelab.text.Messages;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import io.github.handshakelab.trace.TraceEvent;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.fxml.FXML;
import javafx.fxml.Initializable;
import javafx.geometry.HPos;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.*;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/** The main window (issue #3): library, playback, diagram, inspector, arithmetic, state machine, faults. */
public class MainController implements Initializable {

    @FXML BorderPane root;
    @FXML Menu recentMenu;
    @FXML RadioMenuItem themeLight, themeDark, themeProjector, langEn, langZh;
    @FXML CheckMenuItem absoluteItem, futureItem;
    @FXML Button restartButton, prevButton, playButton, nextButton;
    @FXML ComboBox<Double> speedBox;
    @FXML Label timeLabel, lessonLabel, statusLabel, gaugeLabel, paramError;
    @FXML ToggleButton absoluteToggle;
    @FXML TextField searchField, isnClientField, isnServerField, seedField;
    @FXML ListView<Lab.ScenarioInfo> scenarioList;
    @FXML ListView<String> notesList;
    /** The trace's notes, rendered once per trace; the first {@link #notesShown} are on screen. */
    private List<TraceEvent.Note> notes = List.of();
    private List<String> noteTexts = List.of();
    private int notesShown = -1;
    @FXML SequenceDiagram diagram;
    @FXML HBox gaugeBox;
    @FXML ProgressBar gaugeBar;
    @FXML StackPane timelineBox;
    @FXML Canvas tickCanvas;
    @FXML Slider scrubber;
    @FXML VBox inspectorBox, arithmeticBox;
    @FXML StateMachineView stateMachine;
    @FXML Tab faultsTab;
    @FXML TabPane sideTabs;
    @FXML CheckBox loseFinalAck, loseHandshakeAck, isnRandom, synCookies;
    @FXML Button clientCloseButton, serverCloseButton, bothCloseButton, sendButton, abortButton, undoButton, resetFaultsButton;
    @FXML ChoiceBox<Side> sideChoice;
    @FXML Spinner<Integer> bytesSpinner, delaySpinner, rtoSpinner, mslSpinner, backlogSpinner;

    private ResourceBundle res;
    private Session session;
    private final Playback playback = new Playback();
    private boolean updatingScrubber, updatingFaults;
    private List<Trace.Gauge> gauge = List.of();

    @Override
    public void initialize(URL location, ResourceBundle resources) {
        this.res = resources;
        diagram.bundleProperty().set(res);
        stateMachine.bundleProperty().set(res);
        diagram.playheadProperty().bind(playback.timeProperty());
        diagram.absoluteProperty().bindBidirectional(absoluteToggle.selectedProperty());
        absoluteItem.selectedProperty().bindBidirectional(absoluteToggle.selectedProperty());
        diagram.showFutureProperty().bindBidirectional(futureItem.selectedProperty());
        absoluteToggle.selectedProperty().addListener(o -> showArithmetic(diagram.getSelected()));
        // Notes are sentences: wrap them to the pane instead of cutting them off.
        notesList.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setWrapText(true);
                setPrefWidth(0);
            }
        });

        speedBox.setItems(FXCollections.observableArrayList(0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0));
        speedBox.setConverter(new StringConverter<>() {
            @Override public String toString(Double d) { return d == null ? "" : (d == Math.rint(d) ? String.valueOf(d.intValue()) : String.valueOf(d)) + "×"; }
            @Override public Double fromString(String s) { return Double.valueOf(s.replace("×", "")); }
        });
        speedBox.valueProperty().addListener((o, a, v) -> {
            if (v == null) return;
            playback.speedProperty().set(v);
            if (session != null) { session.speed = v; session.settings.speed(v); }
        });
        playback.playingProperty().addListener((o, a, p) -> playButton.setText(res.getString(p ? "play.pause" : "play.play")));
        playback.timeProperty().addListener(o -> onTime());
        playback.currentSegmentProperty().addListener((o, a, s) -> {
            if (playback.isPlaying() && s != null) diagram.setSelected(s);
        });
        diagram.selectedProperty().addListener((o, a, s) -> { showInspector(s); showArithmetic(s); });
        diagram.onDropSegmentProperty().set(s -> act(() -> session.lab.dropSegment(s.id()), "status.dropped", s.id()));

        scrubber.valueProperty().addListener((o, a, v) -> {
            if (!updatingScrubber) playback.seek(playback.timeAt(v.doubleValue()));
        });
        tickCanvas.widthProperty().bind(timelineBox.widthProperty());
        tickCanvas.widthProperty().addListener(o -> drawTicks());

        scenarioList.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(Lab.ScenarioInfo item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) { setText(null); setGraphic(null); return; }
                Label title = new Label(msg(item.key("title")));
                title.getStyleClass().add("scenario-title");
                Label summary = new Label(msg(item.key("summary")));
                summary.getStyleClass().add("scenario-summary");
                summary.setWrapText(true);
                summary.maxWidthProperty().bind(lv.widthProperty().subtract(44));
                setGraphic(new VBox(2, title, summary));
                setText(null);
            }
        });
        scenarioList.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (s == null || session == null) return;
            if (s.id().equals(session.lab.current()) && session.trace != null && a == null) return;
            lessonLabel.setText(msg(s.key("lesson")));
            showTrace(session.lab.load(s.id()), 0);
            status("status.loaded", msg(s.key("title")));
        });

        sideChoice.setItems(FXCollections.observableArrayList(Side.CLIENT, Side.SERVER));
        sideChoice.setConverter(new StringConverter<>() {
            @Override public String toString(Side s) { return s == null ? "" : res.getString(s == Side.CLIENT ? "diagram.client" : "diagram.server"); }
            @Override public Side fromString(String s) { return null; }
        });
        sideChoice.setValue(Side.CLIENT);
        bytesSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 1_000_000, 100, 100));
        delaySpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 10_000, 50, 10));
        rtoSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(10, 120_000, 1000, 100));
        mslSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 240, 30, 5));
        backlogSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 4096, 8, 1));
        isnClientField.disableProperty().bind(isnRandom.selectedProperty());
        isnServerField.disableProperty().bind(isnRandom.selectedProperty());
        loseFinalAck.selectedProperty().addListener((o, a, v) -> {
            if (!updatingFaults && session != null && session.lab.current() != null) act(() -> session.lab.loseFinalAck(v), v ? "status.loseFinalAck" : "status.faultRemoved");
        });
        loseHandshakeAck.selectedProperty().addListener((o, a, v) -> {
            if (!updatingFaults && session != null && session.lab.current() != null) act(() -> session.lab.loseHandshakeAck(v), v ? "status.loseHandshakeAck" : "status.faultRemoved");
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
        root.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) scene.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        });
    }

    /** Starts the window on a session; restores trace, time and selection after a rebuild. */
    public void start(Session s) {
        this.session = s;
        diagram.localeProperty().set(s.locale);
        ToggleGroup themes = new ToggleGroup();
        themes.getToggles().addAll(themeLight, themeDark, themeProjector);
        ToggleGroup langs = new ToggleGroup();
        langs.getToggles().addAll(langEn, langZh);
        (s.locale.getLanguage().equals("zh") ? langZh : langEn).setSelected(true);
        applyTheme(s.theme);
        speedBox.setValue(s.speed);
        ObservableList<Lab.ScenarioInfo> all = FXCollections.observableArrayList(s.lab.scenarios());
        FilteredList<Lab.ScenarioInfo> filtered = new FilteredList<>(all, x -> true);
        searchField.textProperty().addListener((o, a, q) -> {
            String needle = q == null ? "" : q.trim().toLowerCase(s.locale);
            filtered.setPredicate(x -> needle.isEmpty() || x.id().contains(needle)
                    || msg(x.key("title")).toLowerCase(s.locale).contains(needle)
                    || msg(x.key("summary")).toLowerCase(s.locale).contains(needle)
                    || msg(x.key("lesson")).toLowerCase(s.locale).contains(needle));
        });
        scenarioList.setItems(filtered);
        refreshRecent();
        Params.fill(this, s.lab.params());
        if (s.trace != null) {
            Trace t = s.trace;
            long time = s.time;
            Integer sel = s.selected;
            String cur = s.lab.current();
            if (cur != null) {
                all.stream().filter(x -> x.id().equals(cur)).findFirst().ifPresent(x -> {
                    scenarioList.getSelectionModel().select(x);
                    // after the first layout: before it, variable-height cells scroll to the wrong place
                    Platform.runLater(() -> scenarioList.scrollTo(x));
                    lessonLabel.setText(msg(x.key("lesson")));
                });
            }
            showTrace(t, time);
            if (sel != null) selectSegment(sel);
        } else if (!all.isEmpty()) {
            scenarioList.getSelectionModel().select(0);
        }
        updateFaultControls();
    }

    String msg(String key) {
        Locale l = session == null ? Locale.ROOT : session.locale;
        return Messages.has(l, key) ? Messages.get(l, key) : key;
    }

    private void status(String key, Object... args) {
        statusLabel.setText(MessageFormat.format(res.getString(key), args));
    }

    // ---- trace and time ----

    public Playback playback() { return playback; }

    public SequenceDiagram diagram() { return diagram; }

    public Session session() { return session; }

    public TabPane sideTabs() { return sideTabs; }

    public StateMachineView stateMachine() { return stateMachine; }

    public ListView<Lab.ScenarioInfo> scenarioList() { return scenarioList; }

    /** Selects the segment the playhead is on (the inspector follows it). */
    public void selectCurrent() {
        TraceEvent.Segment s = playback.currentSegmentProperty().get();
        if (s != null) diagram.setSelected(s);
    }

    /** Shows a trace and keeps the playhead at {@code time} (re-simulation keeps the past in place). */
    public void showTrace(Trace t, long time) {
        session.trace = t;
        TraceEvent.Segment sel = diagram.getSelected();
        playback.pause();
        playback.setTrace(t);
        diagram.setTrace(t);
        gauge = t.gauge(Trace.GAUGE_HALF_OPEN);
        notes = t.events().stream().filter(e -> e instanceof TraceEvent.Note).map(e -> (TraceEvent.Note) e).toList();
        noteTexts = notes.stream().map(n -> SequenceDiagramSkin.formatTime(n.t()) + "   " + render(n.text())).toList();
        notesShown = -1;
        gaugeBox.setVisible(!gauge.isEmpty());
        gaugeBox.setManaged(!gauge.isEmpty());
        playback.seek(time);
        onTime();
        drawTicks();
        diagram.setSelected(null);
        if (sel != null) selectSegment(sel.id());
        updateFaultControls();
    }

    void selectSegment(int id) {
        for (TraceEvent.Segment s : session.trace.segments()) {
            if (s.id() == id) { diagram.setSelected(s); return; }
        }
    }

    /** Runs a re-simulation; a refused change is reported in the status bar and the window keeps working. */
    private void act(java.util.function.Supplier<Trace> change, String statusKey, Object... args) {
        try {
            resimulate(change.get(), statusKey, args);
        } catch (RuntimeException e) {
            status("status.error", e.getMessage());
            updateFaultControls();
        }
    }

    private void resimulate(Trace t, String statusKey, Object... args) {
        long now = playback.getTime();
        showTrace(t, now);
        status(statusKey, args);
    }

    private void onTime() {
        long t = playback.getTime();
        if (session != null) {
            session.time = t;
            session.selected = diagram.getSelected() == null ? null : diagram.getSelected().id();
        }
        timeLabel.setText("t = " + SequenceDiagramSkin.formatTime(t));
        updatingScrubber = true;
        scrubber.setValue(playback.fraction(t));
        updatingScrubber = false;
        stateMachine.clientStateProperty().set(playback.clientStateProperty().get());
        stateMachine.serverStateProperty().set(playback.serverStateProperty().get());
        stateMachine.clientLastProperty().set(last(Side.CLIENT, t));
        stateMachine.serverLastProperty().set(last(Side.SERVER, t));
        showNotesUpTo(t);
        if (!gauge.isEmpty()) {
            Trace.Gauge row = null;
            for (Trace.Gauge r : gauge) { if (r.t() <= t) row = r; else break; }
            long len = row == null ? 0 : row.value(), cap = row == null ? gauge.get(0).max() : row.max();
            gaugeBar.setProgress(cap <= 0 ? 0 : Math.min(1, (double) len / cap));
            gaugeLabel.setText(MessageFormat.format(res.getString("gauge.value"), len, cap));
        }
    }

    /** The notes up to the playhead, newest first: they roll back when the playhead does. */
    private void showNotesUpTo(long t) {
        if (notesList == null) return;
        int n = 0;
        while (n < notes.size() && notes.get(n).t() <= t) n++;
        if (n == notesShown) return;
        notesShown = n;
        List<String> shown = new java.util.ArrayList<>(noteTexts.subList(0, n));
        java.util.Collections.reverse(shown);
        notesList.getItems().setAll(shown);
        notesList.scrollTo(0);
    }

    private TcpState[] last(Side side, long t) {
        Trace tr = playback.getTrace();
        if (tr == null) return null;
        TraceEvent.StateChange last = null;
        for (TraceEvent.StateChange c : tr.stateChanges(side)) { if (c.t() <= t) last = c; else break; }
        return last == null ? null : new TcpState[]{last.from(), last.to()};
    }

    private void drawTicks() {
        GraphicsContext g = tickCanvas.getGraphicsContext2D();
        double w = tickCanvas.getWidth(), h = tickCanvas.getHeight();
        g.clearRect(0, 0, w, h);
        g.setStroke(session == null ? Theme.LIGHT.muted : session.theme.muted);
        g.setLineWidth(1);
        double pad = 8;
        for (long s : playback.stops()) {
            double x = pad + playback.fraction(s) * (w - 2 * pad);
            g.strokeLine(x, 0, x, 7);
            g.strokeLine(x, h - 7, x, h);
        }
    }

    // ---- inspector and arithmetic ----

    private void showInspector(TraceEvent.Segment s) {
        inspectorBox.getChildren().clear();
        if (s == null) {
            inspectorBox.getChildren().add(hint("inspector.none"));
            return;
        }
        GridPane g = grid();
        int r = 0;
        String dir = s.from() == Side.CLIENT ? res.getString("inspector.clientToServer") : res.getString("inspector.serverToClient");
        r = row(g, r, "inspector.segment", "#" + s.id() + "  " + dir);
        var src = session.trace.endpoint(s.from()); var dst = session.trace.endpoint(s.to());
        if (src != null && dst != null && src.port() >= 0 && dst.port() >= 0) {
            r = row(g, r, "inspector.ports", src.port() + " → " + dst.port());
        }
        r = row(g, r, "inspector.sent", SequenceDiagramSkin.formatTime(s.sent()));
        String fate = s.isDropped() ? res.getString("inspector.lost") + " (" + SequenceDiagramSkin.formatTime(s.dropped()) + ")"
                : s.arrived() == TraceEvent.NONE ? res.getString("inspector.captured") : SequenceDiagramSkin.formatTime(s.arrived());
        r = row(g, r, "inspector.arrived", fate);
        StringBuilder bits = new StringBuilder();
        String[] names = {"CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN"};
        int[] values = {TcpFlags.CWR, TcpFlags.ECE, TcpFlags.URG, TcpFlags.ACK, TcpFlags.PSH, TcpFlags.RST, TcpFlags.SYN, TcpFlags.FIN};
        for (int i = 0; i < names.length; i++) bits.append(names[i]).append('=').append(s.flags().has(values[i]) ? 1 : 0).append(i == 3 ? "\n" : "  ");
        r = row(g, r, "inspector.flags", s.flags() + "  (0x" + String.format("%02x", s.flags().bits()) + ")\n" + bits.toString().trim());
        r = row(g, r, "inspector.seq", s.seq() + "   (" + res.getString("inspector.absolute") + " " + s.seqAbs() + ")");
        r = row(g, r, "inspector.ack", s.hasAck() ? s.ack() + "   (" + res.getString("inspector.absolute") + " " + s.ackAbs() + ")" : "—");
        r = row(g, r, "inspector.len", s.len() + "   (" + MessageFormat.format(res.getString("inspector.seqSpace"), s.seqSpace()) + ")");
        r = row(g, r, "inspector.window", String.valueOf(s.window()));
        r = row(g, r, "inspector.options", s.options() == null || s.options().isEmpty() ? "—" : String.join(", ", s.options()));
        r = row(g, r, "inspector.retransmission", res.getString(s.retransmission() ? "common.yes" : "common.no"));
        r = row(g, r, "inspector.analysis", s.analysis() == null || s.analysis().isEmpty() ? "—" : String.join(", ", s.analysis()));
        r = row(g, r, "inspector.payload", s.payloadInfo() == null || s.payloadInfo().isEmpty() ? "—" : s.payloadInfo());
        if (s.frame() != TraceEvent.NONE) row(g, r, "inspector.frame", String.valueOf(s.frame()));
        inspectorBox.getChildren().add(g);
        if (s.frame() != TraceEvent.NONE && session.captureFile != null) {
            Button decode = new Button(MessageFormat.format(res.getString("inspector.decodeFrame"), s.frame()));
            decode.setId("decodeFrame");
            decode.setOnAction(e -> decodeFrame(session.captureFile, s.frame()));
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
            w.initOwner(session.stage);
            w.setTitle(MessageFormat.format(res.getString("inspector.decodeTitle"), frame, file.getFileName()));
            w.setScene(new javafx.scene.Scene(text, 640, 520));
            w.show();
        });
        task.setOnFailed(e -> status("status.decodeFailed", task.getException().getMessage()));
        Thread t = new Thread(task, "frame-decode");
        t.setDaemon(true);
        t.start();
    }

    private void showArithmetic(TraceEvent.Segment s) {
        arithmeticBox.getChildren().clear();
        if (s == null) {
            arithmeticBox.getChildren().add(hint("inspector.none"));
            return;
        }
        Label head = new Label(s.label(diagram.absoluteProperty().get()));
        head.getStyleClass().add("arith-head");
        arithmeticBox.getChildren().add(head);
        if (s.explain() == null || s.explain().isEmpty()) {
            arithmeticBox.getChildren().add(hint("arith.noExplanation"));
        } else {
            for (Explanation e : s.explain()) {
                Label l = new Label("• " + render(e));
                l.setWrapText(true);
                l.getStyleClass().add("arith-line");
                arithmeticBox.getChildren().add(l);
            }
        }
        Trace t = session.trace;
        Label tcbTitle = new Label(MessageFormat.format(res.getString("arith.tcbAt"), SequenceDiagramSkin.formatTime(s.sent())));
        tcbTitle.getStyleClass().add("pane-subtitle");
        arithmeticBox.getChildren().add(tcbTitle);
        Tcb c = t.tcbAt(Side.CLIENT, s.sent()), v = t.tcbAt(Side.SERVER, s.sent());
        if (c == null && v == null) {
            arithmeticBox.getChildren().add(hint("arith.noTcb"));
            return;
        }
        GridPane g = grid();
        g.getColumnConstraints().add(new ColumnConstraints());
        g.add(header(res.getString("diagram.client")), 1, 0);
        g.add(header(res.getString("diagram.server")), 2, 0);
        String[] vars = {"state", "ISS", "IRS", "SND.UNA", "SND.NXT", "RCV.NXT", "SND.WND", "RCV.WND"};
        for (int i = 0; i < vars.length; i++) {
            g.add(new Label(vars[i].equals("state") ? res.getString("arith.state") : vars[i]), 0, i + 1);
            g.add(mono(tcbValue(c, i)), 1, i + 1);
            g.add(mono(tcbValue(v, i)), 2, i + 1);
        }
        arithmeticBox.getChildren().add(g);
        arithmeticBox.getChildren().add(hint("arith.relativeNote"));
    }

    private String render(Explanation e) {
        try {
            return e.render(session.locale);
        } catch (RuntimeException ex) {
            return e.key() + " " + e.args();
        }
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

    private GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(4);
        g.getStyleClass().add("field-grid");
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setHalignment(HPos.LEFT);
        c0.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        g.getColumnConstraints().add(c0);
        return g;
    }

    private int row(GridPane g, int r, String key, String value) {
        Label k = new Label(res.getString(key));
        k.getStyleClass().add("field-name");
        Label v = mono(value);
        v.setWrapText(true);
        g.add(k, 0, r);
        g.add(v, 1, r);
        return r + 1;
    }

    private static Label mono(String s) {
        Label l = new Label(s);
        // The monospace family has no CJK glyphs; Chinese values use the UI family instead.
        if ("System".equals(Fonts.family())) l.getStyleClass().add("mono");
        return l;
    }

    private static Label header(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("field-name");
        return l;
    }

    private Label hint(String key) {
        Label l = new Label(res.getString(key));
        l.setWrapText(true);
        l.getStyleClass().add("hint");
        return l;
    }

    // ---- faults ----

    private void updateFaultControls() {
        boolean sim = session != null && session.lab.current() != null;
        faultsTab.getContent().setDisable(!sim);
        updatingFaults = true;
        loseFinalAck.setSelected(sim && session.lab.losesFinalAck());
        loseHandshakeAck.setSelected(sim && session.lab.losesHandshakeAck());
        updatingFaults = false;
        undoButton.setDisable(!sim || !session.lab.canUndo());
    }

    @FXML void onClientClose() { call(Side.CLIENT, UserCall.CLOSE, 0, "status.clientClose"); }

    @FXML void onServerClose() { call(Side.SERVER, UserCall.CLOSE, 0, "status.serverClose"); }

    @FXML void onBothClose() {
        if (session.lab.current() == null) return;
        long t = playback.getTime();
        act(() -> session.lab.callBoth(t, UserCall.CLOSE), "status.bothClose");
    }

    @FXML void onSend() { call(sideChoice.getValue(), UserCall.SEND, bytesSpinner.getValue(), "status.send"); }

    @FXML void onAbort() { call(sideChoice.getValue(), UserCall.ABORT, 0, "status.abort"); }

    private void call(Side side, UserCall c, int bytes, String statusKey) {
        if (session.lab.current() == null) return;
        long t = playback.getTime();
        act(() -> session.lab.call(t, side, c, bytes), statusKey,
                res.getString(side == Side.CLIENT ? "diagram.client" : "diagram.server"), bytes);
    }

    @FXML void onUndo() {
        Trace t = session.lab.undo();
        if (t != null) resimulate(t, "status.undone");
    }

    @FXML void onResetFaults() {
        if (session.lab.current() == null) return;
        resimulate(session.lab.resetFaults(), "status.faultsReset");
        Params.fill(this, session.lab.params());
    }

    @FXML void onApplyParams() {
        try {
            Lab.Params p = Params.read(this, res);
            paramError.setText("");
            resimulate(session.lab.params(p), "status.paramsApplied");
        } catch (IllegalArgumentException e) {
            paramError.setText(e.getMessage());
        }
    }

    // ---- playback ----

    @FXML void onPlayPause() { playback.toggle(); }

    @FXML void onRestart() { playback.pause(); playback.restart(); }

    @FXML void onPrevious() { playback.previous(); }

    @FXML void onNext() { playback.next(); }

    @FXML void onZoomIn() { diagram.zoomProperty().set(SequenceDiagramSkin.clampZoom(diagram.zoomProperty().get() * 1.25)); }

    @FXML void onZoomOut() { diagram.zoomProperty().set(SequenceDiagramSkin.clampZoom(diagram.zoomProperty().get() / 1.25)); }

    @FXML void onFullScreen() {
        if (session.stage == null) return;
        session.stage.setFullScreenExitHint(res.getString("fullScreen.exitHint"));
        session.stage.setFullScreen(!session.stage.isFullScreen());
    }

    private void onKey(KeyEvent e) {
        Scene scene = root.getScene();
        if (scene != null && scene.getFocusOwner() instanceof javafx.scene.control.TextInputControl) return;
        if (scene != null && scene.getFocusOwner() instanceof Spinner) return;
        KeyCode k = e.getCode();
        switch (k) {
            case SPACE -> onPlayPause();
            case LEFT -> onPrevious();
            case RIGHT -> onNext();
            case HOME -> onRestart();
            case END -> playback.toEnd();
            case PLUS, EQUALS, ADD -> onZoomIn();
            case MINUS, SUBTRACT -> onZoomOut();
            case F11 -> onFullScreen();
            default -> { return; }
        }
        e.consume();
    }

    // ---- files, theme, language ----

    @FXML void onOpen() {
        FileChooser fc = new FileChooser();
        fc.setTitle(res.getString("menu.open"));
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(res.getString("open.filter"), "*.pcap", "*.pcapng", "*.cap", "*.gz", "*.json"),
                new FileChooser.ExtensionFilter(res.getString("open.all"), "*"));
        File f = fc.showOpenDialog(session.stage);
        if (f != null) openFile(f.toPath());
    }

    /** Opens a capture or trace file (menu, drag and drop, recent files, command line). */
    public void openFile(Path file) {
        session.settings.addRecent(file.toAbsolutePath().toString());
        refreshRecent();
        FileOpener.open(session.stage, file, res, t -> onFx(() -> showOpened(file, t, 0)));
    }

    /** Shows a trace read from {@code file} (a capture or trace JSON) instead of a scenario. */
    public void showOpened(Path file, Trace t, long time) {
        // A trace JSON of a capture has no frames to decode; only the capture file itself does.
        session.captureFile = t.source() == Trace.Source.CAPTURE && !file.toString().endsWith(".json") ? file : null;
        session.lab.load(null);
        scenarioList.getSelectionModel().clearSelection();
        lessonLabel.setText(t.source() == Trace.Source.CAPTURE
                ? MessageFormat.format(res.getString("library.captureLesson"), file.getFileName()) : "");
        showTrace(t, time);
        status("status.opened", file.getFileName());
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

    @FXML void onQuit() { Platform.exit(); }

    @FXML void onTheme() {
        Theme t = themeDark.isSelected() ? Theme.DARK : themeProjector.isSelected() ? Theme.PROJECTOR : Theme.LIGHT;
        applyTheme(t);
        session.settings.theme(t);
    }

    public void applyTheme(Theme t) {
        session.theme = t;
        (t == Theme.DARK ? themeDark : t == Theme.PROJECTOR ? themeProjector : themeLight).setSelected(true);
        root.getStylesheets().setAll(
                getClass().getResource("base.css").toExternalForm(),
                getClass().getResource(t.stylesheet).toExternalForm());
        diagram.themeProperty().set(t);
        stateMachine.themeProperty().set(t);
        drawTicks();
    }

    @FXML void onLanguage() {
        Locale l = langZh.isSelected() ? Locale.SIMPLIFIED_CHINESE : Locale.ROOT;
        if (l.equals(session.locale)) return;
        session.locale = l;
        session.settings.language(l.getLanguage().isEmpty() ? "en" : "zh");
        session.time = playback.getTime();
        session.selected = diagram.getSelected() == null ? null : diagram.getSelected().id();
        playback.pause();
        Platform.runLater(session.rebuild);
    }
}
