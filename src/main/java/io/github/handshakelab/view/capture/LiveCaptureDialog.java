package io.github.handshakelab.view.capture;

import io.github.handshakelab.capture.Conversation;
import io.github.handshakelab.capture.LiveCapture;
import io.github.handshakelab.capture.LiveSession;
import io.github.handshakelab.capture.PacketSource;
import io.github.handshakelab.capture.PcapngWriter;
import io.github.handshakelab.capture.RawPacket;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * File > Capture live… (issue #11): pick an interface and an optional BPF filter (checked by
 * libpcap as it is typed), Start; TCP conversations are listed as they start and the chosen one
 * is drawn in the main window as it grows, the playhead on its newest segment. Stop, then Save
 * as pcapng. Packets go through the capture package's one pipeline ({@link LiveSession}); every
 * packet is also written to a temporary pcapng file, which Save copies. All capture work runs
 * on one worker thread; the FX thread only receives batched updates (at most every 100 ms).
 *
 * <p>Updates are incremental: a conversation's row is updated in place (the table keeps its
 * selection and scroll), the chosen conversation's diagram grows (the window keeps its selection;
 * it follows the newest segment while "Follow newest" is on, which the user turns off by looking
 * elsewhere, as Wireshark's auto-scroll). The capture belongs to this object, not to a window:
 * a language switch rebuilds the main window on the same stage, and the new window adopts the
 * running capture ({@link #adopt}); the dialog is rebuilt in the new language. Closing the dialog,
 * or a window that no new window replaces, stops the capture.
 */
public final class LiveCaptureDialog {

    /** Where interfaces, filter checks and packets come from: libpcap, or a script in the tests. */
    public interface Backend {
        List<LiveCapture.Interface> list() throws LiveCapture.Unavailable;

        /** null when {@code filter} compiles, else libpcap's message. */
        String checkFilter(String filter) throws LiveCapture.Unavailable;

        PacketSource open(String iface, String filter) throws IOException;

        Backend PCAP = new Backend() {
            @Override public List<LiveCapture.Interface> list() throws LiveCapture.Unavailable { return LiveCapture.list(); }
            @Override public String checkFilter(String filter) throws LiveCapture.Unavailable {
                return LiveCapture.checkFilter(filter, 1); // DLT_EN10MB, as `live` checks it: lo is Ethernet on Linux
            }
            @Override public PacketSource open(String iface, String filter) throws IOException {
                return LiveCapture.open(iface, filter, RawPacket.MAX_CAPLEN);
            }
        };
    }

    /**
     * The main window, as the dialog sees it (view.capture does not depend on view: the window's
     * installer, {@code view.LiveCaptureUi}, implements this).
     */
    public interface Host {
        Window owner();

        ResourceBundle bundle();

        List<String> stylesheets();

        /**
         * Shows {@code t} in the main diagram. {@code fresh}: another conversation (nothing kept,
         * the playhead on its newest segment). Else {@code t} is the trace on screen grown by new
         * segments: the selection stays; with {@code follow} the playhead moves to the newest
         * segment (the diagram scrolls with it), without it playhead and scroll stay where they are.
         */
        void show(Trace t, boolean fresh, boolean follow);

        /** The trace the window shows now (the user may have opened something else since). */
        Trace current();

        /** Runs {@code r} when the user looks elsewhere in the diagram: selects, scrolls, moves the playhead. */
        void onLookAway(Runnable r);

        /** The window's status line, from the ui bundle. */
        void status(String key, Object... args);

        boolean disposed();

        /** Runs {@code r} when the window goes (closed, rebuilt). */
        void onDispose(Runnable r);
    }

    /** One row of the conversations table, as values (what the worker sends, what tests compare). */
    public record Row(int stream, String client, String server, long packets, String state) {}

    /**
     * A row of the table: packets and state change in place, so an update neither replaces the
     * item nor touches the table's selection or scroll position.
     */
    public static final class Entry {
        private final int stream;
        private final String client, server;
        private final ReadOnlyLongWrapper packets = new ReadOnlyLongWrapper();
        private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper();

        Entry(Row r) {
            stream = r.stream();
            client = r.client();
            server = r.server();
            update(r);
        }

        void update(Row r) {
            packets.set(r.packets());
            state.set(r.state());
        }

        public int stream() { return stream; }
        public javafx.beans.property.ReadOnlyLongProperty packetsProperty() { return packets.getReadOnlyProperty(); }
        public javafx.beans.property.ReadOnlyStringProperty stateProperty() { return state.getReadOnlyProperty(); }
        public Row values() { return new Row(stream, client, server, packets.get(), state.get()); }
    }

    private static volatile Backend backend = Backend.PCAP;
    private static volatile Function<Window, Path> saveChooser;
    private static final Map<Window, LiveCaptureDialog> OPEN = new WeakHashMap<>();
    private static final long BATCH_NANOS = 100_000_000L;
    /**
     * When the source goes quiet, what came is shown at once, but not more often than this: a
     * fast stream alternates packets and empty polls, and a trace per packet would be built and
     * laid out (quadratic in the conversation's length).
     */
    private static final long IDLE_BATCH_NANOS = 20_000_000L;

    /** Tests: scripted packets instead of libpcap (or a backend that says what is missing). */
    public static void setBackend(Backend b) { backend = b == null ? Backend.PCAP : b; }

    /** Tests: where Save writes, instead of a FileChooser (which asks before replacing a file). */
    public static void setSaveChooser(Function<Window, Path> chooser) { saveChooser = chooser; }

    /** Opens the dialog of window {@code c} (or brings it to front). Call on the FX thread. */
    public static LiveCaptureDialog open(Host c) {
        LiveCaptureDialog d = OPEN.get(c.owner());
        if (d == null || !d.stage.isShowing()) {
            d = new LiveCaptureDialog(c, backend);
            OPEN.put(c.owner(), d);
            d.show();
        } else {
            d.stage.toFront();
        }
        return d;
    }

    /**
     * A new main window on a stage whose previous window had the dialog open (a language switch
     * rebuilt it): the dialog and its running capture carry on with the new window, in its language.
     */
    public static void adopt(Host c) {
        LiveCaptureDialog d = showing(c.owner());
        if (d != null && d.window != c) d.rehost(c);
    }

    /** The dialog open over window {@code owner}, or null. */
    public static LiveCaptureDialog showing(Window owner) {
        LiveCaptureDialog d = OPEN.get(owner);
        return d != null && d.stage.isShowing() ? d : null;
    }

    @FXML private Label liveProblem;
    @FXML private ComboBox<LiveCapture.Interface> ifaceBox;
    @FXML private TextField filterField;
    @FXML private Label filterError;
    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private Button saveButton;
    @FXML private Label liveStatus;
    @FXML private CheckBox followBox;
    @FXML private TableView<Entry> conversationTable;
    @FXML private TableColumn<Entry, Integer> streamCol;
    @FXML private TableColumn<Entry, String> clientCol;
    @FXML private TableColumn<Entry, String> serverCol;
    @FXML private TableColumn<Entry, Number> packetsCol;
    @FXML private TableColumn<Entry, String> stateCol;

    private Host window;
    private final Backend source;
    private ResourceBundle res;
    private final Stage stage = new Stage();
    private final ObservableList<Entry> rows = FXCollections.observableArrayList();
    /** Kept over a rebuild of the dialog (language switch): interfaces found, the one chosen, the texts shown as keys. */
    private List<LiveCapture.Interface> interfaces;
    private String chosenIface;
    private Object[] statusText = {""}, problemText;
    /** Follow newest: kept here, so a rebuilt dialog shows it as it was. */
    private boolean follow = true;
    /** The trace last handed to the window; if the window shows another one, the user opened something else. */
    private Trace lastShown;
    /** While the dialog reloads its FXML, the old stage's hide is not a close. */
    private boolean rebuilding;
    /** Capture loop and trace building: the session is only ever touched on this thread. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> daemon(r, "live-capture"));
    /** Filter checks, latest wins (libpcap's compiler is quick, but not on the FX thread). */
    private final ExecutorService checker = Executors.newSingleThreadExecutor(r -> daemon(r, "live-filter-check"));
    private final AtomicLong filterSeq = new AtomicLong();
    private boolean filterOk = true;
    private boolean available;
    private Capture capture;
    private Capture finished;
    private int shown = -1;

    private LiveCaptureDialog(Host window, Backend source) {
        this.window = window;
        this.source = source;
        this.res = window.bundle();
    }

    /** Texts kept as a bundle key and its arguments (key null: a message as it is, e.g. libpcap's). */
    private String render(Object[] keyed) {
        if (keyed == null) return "";
        if (keyed[0] == null) return String.valueOf(keyed[1]);
        if ("".equals(keyed[0])) return "";
        Object[] args = new Object[keyed.length - 1];
        System.arraycopy(keyed, 1, args, 0, args.length);
        return text((String) keyed[0], args);
    }

    private void status(String key, Object... args) {
        statusText = keyed(key, args);
        liveStatus.setText(render(statusText));
    }

    private void problem(String key, Object... args) {
        problemText = keyed(key, args);
        liveProblem.setText(render(problemText));
        liveProblem.setVisible(true);
        liveProblem.setManaged(true);
    }

    private static Object[] keyed(String key, Object... args) {
        Object[] k = new Object[args.length + 1];
        k[0] = key;
        System.arraycopy(args, 0, k, 1, args.length);
        return k;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private String text(String key, Object... args) {
        String s = res.getString(key);
        return args.length == 0 ? s : new MessageFormat(s, res.getLocale()).format(args);
    }

    private void show() {
        stage.initOwner(window.owner());
        stage.setScene(new Scene(load()));
        stage.getScene().getStylesheets().setAll(window.stylesheets());
        stage.setTitle(text("live.title"));
        stage.setOnHidden(e -> { if (!rebuilding) close(); });
        watch(window);
        stage.show();
    }

    private Parent load() {
        FXMLLoader l = new FXMLLoader(LiveCaptureDialog.class.getResource("live.fxml"), res);
        l.setController(this);
        try {
            return l.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * When window {@code w} goes: if a new window on the same stage adopted the dialog in the
     * meantime (a language switch builds it at once), nothing; else the dialog closes and the
     * capture stops.
     */
    private void watch(Host w) {
        w.onDispose(() -> Platform.runLater(() -> { if (window == w) stage.hide(); }));
        w.onLookAway(() -> { if (window == w && followBox != null) followBox.setSelected(false); });
    }

    /** The same dialog and capture for a new main window: its language, its stylesheets, its diagram. */
    private void rehost(Host w) {
        window = w;
        res = w.bundle();
        rebuilding = true;
        try {
            stage.getScene().setRoot(load());
            stage.getScene().getStylesheets().setAll(w.stylesheets());
            stage.setTitle(text("live.title"));
        } finally {
            rebuilding = false;
        }
        watch(w);
        Capture cap = capture != null ? capture : finished;
        if (cap != null && cap.selected >= 0) {
            // The new window restored the trace on screen from the session; push the newest state at once.
            if (capture == null) choose(cap.selected);
            else cap.resend = true;
        }
    }

    @FXML
    private void initialize() {
        streamCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().stream()));
        clientCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().client));
        serverCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().server));
        packetsCol.setCellValueFactory(c -> c.getValue().packetsProperty());
        stateCol.setCellValueFactory(c -> c.getValue().stateProperty());
        conversationTable.setItems(rows);
        Capture cur = capture != null ? capture : finished;
        if (cur != null && cur.selected >= 0) {
            for (Entry e : rows) if (e.stream() == cur.selected) conversationTable.getSelectionModel().select(e);
        }
        conversationTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && (a == null || a.stream() != b.stream())) choose(b.stream());
        });
        // A click on the chosen row draws it again, e.g. after the user opened something else in the window.
        conversationTable.setOnMouseClicked(e -> {
            Entry sel = conversationTable.getSelectionModel().getSelectedItem();
            if (sel != null && window.current() != lastShown) redraw(sel.stream());
        });
        followBox.setSelected(follow);
        followBox.selectedProperty().addListener((o, a, on) -> {
            follow = on;
            Capture cap = capture;
            if (on && cap != null) cap.resend = true; // back to the newest segment at the next batch
            else if (on && finished != null && finished.selected >= 0) choose(finished.selected);
        });
        ifaceBox.setCellFactory(v -> new IfaceCell());
        ifaceBox.setButtonCell(new IfaceCell());
        ifaceBox.valueProperty().addListener((o, a, i) -> {
            if (i != null) chosenIface = i.name();
            updateButtons();
        });
        String typed = filterText;
        filterField.textProperty().addListener((o, a, b) -> {
            filterText = b;
            checkFilter(b);
        });
        if (typed != null) filterField.setText(typed);
        startButton.setDisable(true);
        if (problemText != null) {
            liveProblem.setText(render(problemText));
            liveProblem.setVisible(true);
            liveProblem.setManaged(true);
        }
        if (interfaces != null) { // a rebuild: the same choices, the same texts in the new language
            interfaces(interfaces);
            if (!available) unavailable(null);
            liveStatus.setText(render(statusText));
            return;
        }
        status("live.loading");
        worker.execute(() -> {
            try {
                List<LiveCapture.Interface> list = source.list();
                Platform.runLater(() -> interfaces(list));
            } catch (LiveCapture.Unavailable e) {
                Platform.runLater(() -> unavailable(e.getMessage()));
            } catch (RuntimeException | LinkageError e) {
                Platform.runLater(() -> unavailable(String.valueOf(e.getMessage())));
            }
        });
    }

    private String filterText;

    private final class IfaceCell extends ListCell<LiveCapture.Interface> {
        @Override
        protected void updateItem(LiveCapture.Interface i, boolean empty) {
            super.updateItem(i, empty);
            setText(empty || i == null ? null : describe(i));
        }
    }

    private String describe(LiveCapture.Interface i) {
        StringBuilder b = new StringBuilder(i.name());
        List<String> tags = new ArrayList<>();
        if (i.loopback()) tags.add(text("live.loopback"));
        if (!i.up()) tags.add(text("live.down"));
        if (!tags.isEmpty()) b = new StringBuilder(text("live.ifaceTags", i.name(), String.join(text("live.tagSeparator"), tags)));
        if (!i.addresses().isEmpty()) b.append("   ").append(String.join(", ", i.addresses()));
        if (i.description() != null && !i.description().isBlank()) b.append("   ").append(i.description());
        return b.toString();
    }

    private void interfaces(List<LiveCapture.Interface> list) {
        boolean first = interfaces == null;
        interfaces = list;
        available = true;
        ifaceBox.getItems().setAll(list);
        // Most useful first choice: an interface that is up and has an address, else the first.
        LiveCapture.Interface pick = list.stream().filter(i -> i.up() && !i.addresses().isEmpty() && !i.loopback()).findFirst()
                .orElse(list.isEmpty() ? null : list.get(0));
        if (chosenIface != null) pick = list.stream().filter(i -> i.name().equals(chosenIface)).findFirst().orElse(pick);
        ifaceBox.setValue(pick);
        if (first) status(list.isEmpty() ? "live.noInterfaces" : "");
        updateButtons();
    }

    private void unavailable(String message) {
        if (message != null) {
            interfaces = List.of();
            problem("live.unavailable", message);
            status("");
        }
        available = false;
        ifaceBox.setDisable(true);
        filterField.setDisable(true);
        updateButtons();
    }

    private void checkFilter(String filter) {
        long seq = filterSeq.incrementAndGet();
        if (filter == null || filter.isBlank()) {
            filterResult(seq, null);
            return;
        }
        filterOk = false;
        filterError.setText(text("live.filterChecking"));
        updateButtons();
        checker.execute(() -> {
            if (filterSeq.get() != seq) return; // typed on since
            String problem;
            try {
                problem = source.checkFilter(filter);
            } catch (LiveCapture.Unavailable e) {
                problem = e.getMessage();
            }
            String p = problem;
            Platform.runLater(() -> filterResult(seq, p));
        });
    }

    private void filterResult(long seq, String problem) {
        if (filterSeq.get() != seq) return;
        filterOk = problem == null;
        filterError.setText(problem == null ? "" : problem);
        updateButtons();
    }

    private void updateButtons() {
        boolean running = capture != null;
        startButton.setDisable(!available || running || !filterOk || ifaceBox.getValue() == null);
        stopButton.setDisable(!running);
        saveButton.setDisable(running || finished == null);
        ifaceBox.setDisable(!available || running);
        filterField.setDisable(!available || running);
    }

    @FXML
    private void onStart() {
        LiveCapture.Interface iface = ifaceBox.getValue();
        if (iface == null || capture != null) return;
        String filter = filterField.getText() == null || filterField.getText().isBlank() ? null : filterField.getText().trim();
        if (finished != null && !finished.saved && finished.frames > 0 && !confirm(text("live.discard", finished.frames))) return;
        if (finished != null) finished.deleteFile();
        finished = null;
        rows.clear();
        shown = -1;
        lastShown = null;
        Capture cap = new Capture(iface.name());
        capture = cap;
        status("live.capturing", iface.name(), 0, 0);
        updateButtons();
        worker.execute(() -> cap.run(filter));
    }

    @FXML
    private void onStop() {
        if (capture != null) capture.stop.set(true);
    }

    /** Stops the capture and forgets the temporary file (dialog or window closed). */
    private void close() {
        OPEN.remove(window.owner(), this);
        if (capture != null) {
            capture.closed = true; // it deletes its file when its loop ends
            capture.stop.set(true);
        }
        if (finished != null) finished.deleteFile();
        worker.shutdown();
        checker.shutdownNow();
    }

    private void choose(int stream) {
        Capture cap = capture != null ? capture : finished;
        if (cap == null) return;
        if (cap.selected != stream) shown = -1; // another conversation: drawn afresh
        cap.selected = stream;
        if (capture == null) { // stopped: the session is idle, build the trace on the worker all the same
            worker.execute(() -> {
                Trace t = cap.session.trace(stream);
                Platform.runLater(() -> show(stream, t, cap.name));
            });
        }
    }

    /** Draws {@code stream} afresh in the window (its trace at the next batch, or now when stopped). */
    void redraw(int stream) {
        Capture cap = capture != null ? capture : finished;
        if (cap == null) return;
        shown = -1;
        if (capture != null) {
            cap.selected = stream;
            cap.resend = true;
        } else {
            choose(stream);
        }
    }

    private void show(int stream, Trace t, String iface) {
        if (t == null || window.disposed()) return;
        boolean fresh = shown != stream || lastShown == null;
        if (!fresh && window.current() != lastShown) return; // the user opened something else: choose the row again to come back
        window.show(t, fresh, follow);
        lastShown = t;
        if (fresh) window.status("status.live", iface, stream);
        shown = stream;
    }

    @FXML
    private void onSave() {
        Capture cap = finished;
        if (cap == null) return;
        Path target;
        if (saveChooser != null) {
            target = saveChooser.apply(stage);
        } else {
            FileChooser fc = new FileChooser();
            fc.setTitle(text("live.saveTitle"));
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("pcapng", "*.pcapng"));
            fc.setInitialFileName("live-" + cap.name + ".pcapng");
            File f = fc.showSaveDialog(stage); // the platform dialog asks before replacing a file
            target = f == null ? null : f.toPath();
        }
        if (target == null) return;
        if (!target.getFileName().toString().contains(".")) {
            target = target.resolveSibling(target.getFileName() + ".pcapng");
            // the chooser confirmed another name: ask for this one
            if (Files.exists(target) && !confirm(text("live.overwrite", target))) return;
        }
        try {
            Files.copy(cap.file, target, StandardCopyOption.REPLACE_EXISTING);
            cap.saved = true;
            status("live.saved", cap.session.frames(), target);
        } catch (IOException e) {
            status("live.saveFailed", target, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private boolean confirm(String question) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        a.initOwner(stage);
        return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    /** What the worker hands to the FX thread, at most every 100 ms. */
    private record Update(Capture cap, List<Row> rows, long frames, int streams, int stream, Trace trace, boolean done, String error) {}

    private final ConcurrentLinkedQueue<Update> updates = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    private void post(Update u) {
        updates.add(u);
        if (drainScheduled.compareAndSet(false, true)) Platform.runLater(this::drain);
    }

    private void drain() {
        drainScheduled.set(false);
        List<Update> batch = new ArrayList<>();
        Update u;
        while ((u = updates.poll()) != null) batch.add(u);
        // Every row change counts, but of several traces of the same stream only the newest is drawn.
        boolean[] superseded = new boolean[batch.size()];
        Update newer = null;
        for (int i = batch.size() - 1; i >= 0; i--) {
            Update b = batch.get(i);
            if (b.trace == null) continue;
            superseded[i] = newer != null && newer.cap == b.cap && newer.stream == b.stream;
            newer = b;
        }
        for (int i = 0; i < batch.size(); i++) apply(batch.get(i), !superseded[i]);
    }

    private void apply(Update u, boolean draw) {
        if (u.cap != capture && u.cap != finished) return; // an earlier run
        for (Row r : u.rows) {
            if (r.stream() < rows.size()) rows.get(r.stream()).update(r); // in place: selection and scroll stay
            else rows.add(new Entry(r));
        }
        // Nothing chosen yet: follow the first conversation, as a user would.
        if (conversationTable.getSelectionModel().getSelectedItem() == null && !rows.isEmpty() && u.cap.selected < 0) {
            conversationTable.getSelectionModel().select(0);
        } else if (draw && u.trace != null && u.stream == u.cap.selected) {
            show(u.stream, u.trace, u.cap.name);
        }
        u.cap.frames = u.frames;
        if (u.done) {
            capture = null;
            finished = u.cap.file != null ? u.cap : null; // nothing to save when the source never opened
            if (u.error != null) status("live.failed", u.error);
            else status("live.stopped", u.frames, u.streams);
            if (u.error != null && u.frames == 0 && u.streams == 0) problem(null, u.error);
        } else {
            status("live.capturing", u.cap.name, u.frames, u.streams);
        }
        updateButtons();
    }

    /** One run: its session (worker thread only), its temporary pcapng file and its stop flag. */
    private final class Capture {
        final String name;
        final AtomicBoolean stop = new AtomicBoolean();
        volatile int selected = -1;
        /** Send the chosen trace at the next batch even without new packets (follow turned on again, a new window). */
        volatile boolean resend;
        volatile boolean closed;
        boolean saved; // FX thread
        long frames; // FX thread, from the last update
        LiveSession session;
        Path file;

        Capture(String name) {
            this.name = name;
        }

        void deleteFile() {
            try {
                if (file != null) Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file: the OS cleans up
            }
        }

        void run(String filter) {
            String error = null;
            Set<Integer> dirty = new TreeSet<>(); // new streams in order: rows are indexed by stream
            int sent = -1;
            session = new LiveSession(name);
            try (PacketSource src = source.open(name, filter)) {
                file = Files.createTempFile("handshake-live-", ".pcapng");
                file.toFile().deleteOnExit();
                try (PcapngWriter w = new PcapngWriter(file, src.linkType(), RawPacket.MAX_CAPLEN, src.name())) {
                    RawPacket p = new RawPacket();
                    long last = System.nanoTime();
                    while (!stop.get()) {
                        PacketSource.Poll r = src.next(p);
                        if (r == PacketSource.Poll.END) break;
                        if (r == PacketSource.Poll.PACKET) {
                            w.write(p);
                            int st = session.offer(p);
                            if (st >= 0) dirty.add(st);
                        }
                        long now = System.nanoTime();
                        if (now - last >= BATCH_NANOS || (r == PacketSource.Poll.IDLE && !dirty.isEmpty() && now - last >= IDLE_BATCH_NANOS)) {
                            if (!dirty.isEmpty() || selected != sent || resend) {
                                resend = false;
                                sent = publish(dirty, false, null);
                                dirty.clear();
                            }
                            if (r == PacketSource.Poll.IDLE) w.flush();
                            last = now;
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                error = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            if (closed) deleteFile();
            else publish(dirty, true, error);
        }

        /** Rows of the streams that changed, and the chosen stream's trace; returns the stream sent. */
        private int publish(Set<Integer> dirty, boolean done, String error) {
            List<Row> changed = new ArrayList<>();
            int sel = selected;
            Trace chosen = null;
            for (int st : dirty) {
                if (st == sel) {
                    chosen = session.trace(st);
                    changed.add(row(session.conversation(st), chosen));
                } else {
                    // Only the state column is needed: no trace built for the conversations not drawn.
                    changed.add(row(session.conversation(st), session.states(st)));
                }
            }
            if (chosen == null && sel >= 0 && sel < session.streams()) chosen = session.trace(sel);
            post(new Update(this, changed, session.frames(), session.streams(), sel, chosen, done, error));
            return sel;
        }
    }

    static Row row(Conversation c, Trace t) {
        return row(c, new TcpState[]{last(t, Side.CLIENT), last(t, Side.SERVER)});
    }

    static Row row(Conversation c, TcpState[] states) {
        return new Row(c.stream(), c.client(), c.server(), c.packets(), name(states[0]) + " | " + name(states[1]));
    }

    private static String name(TcpState s) {
        return s == null ? "?" : s.name();
    }

    private static TcpState last(Trace t, Side side) {
        List<TcpState> seq = t.stateSequence(side);
        return seq.isEmpty() ? null : seq.get(seq.size() - 1);
    }

    // ---- for tests ----

    public Stage stage() { return stage; }

    /** The rows as values, in table order. */
    public List<Row> rows() { return rows.stream().map(Entry::values).toList(); }

    /** The table's items (updated in place). */
    public ObservableList<Entry> entries() { return rows; }

    public TableView<Entry> table() { return conversationTable; }

    public boolean following() { return follow; }

    public boolean capturing() { return capture != null; }
}
