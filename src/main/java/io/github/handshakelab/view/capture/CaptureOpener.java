package io.github.handshakelab.view.capture;

import io.github.handshakelab.capture.CaptureTraces;
import io.github.handshakelab.capture.CaptureWarning;
import io.github.handshakelab.capture.Conversation;
import io.github.handshakelab.capture.ConversationIndex;
import io.github.handshakelab.capture.IndexResult;
import io.github.handshakelab.text.Messages;
import io.github.handshakelab.trace.Trace;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Opens a capture in the UI: indexes it off the FX thread with a progress bar and Cancel, lets
 * the user pick one TCP conversation from a sortable, filterable table, builds its trace off the
 * FX thread and hands it to {@code onTrace} on the FX thread. Errors end in a dialog with the
 * reader's one-line message; warnings are listed under the table. File > Open, drag and drop,
 * recent files and the command-line argument all come here.
 */
public final class CaptureOpener {

    private final Window owner;
    private final Path file;
    private final Consumer<Trace> onTrace;
    private Runnable onFailure = () -> {};
    private final Locale locale;
    private final Stage stage = new Stage();

    private CaptureOpener(Window owner, Path file, Locale locale, Consumer<Trace> onTrace) {
        this.owner = owner;
        this.file = file;
        this.locale = locale;
        this.onTrace = onTrace;
    }

    /** Call on the FX thread. Returns at once; {@code onTrace} runs later if the user picks a conversation. */
    public static void open(Window owner, Path file, Consumer<Trace> onTrace) {
        open(owner, file, Locale.getDefault(), onTrace);
    }

    /** As {@link #open(Window, Path, Consumer)}, in the UI language chosen in the app ({@link Locale#ROOT} = English). */
    public static void open(Window owner, Path file, Locale locale, Consumer<Trace> onTrace) {
        new CaptureOpener(owner, file, locale, onTrace).start();
    }

    /**
     * As above; {@code onFailure} runs when the file cannot be read or has no TCP conversation
     * (so the window can drop it from the recent files). Cancelling is not a failure.
     */
    public static void open(Window owner, Path file, Locale locale, Consumer<Trace> onTrace, Runnable onFailure) {
        CaptureOpener o = new CaptureOpener(owner, file, locale, onTrace);
        o.onFailure = onFailure;
        o.start();
    }

    private String t(String key, Object... args) {
        return Messages.format(locale, key, args);
    }

    private void start() {
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle(t("capture.ui.title", name()));
        Task<IndexResult> task = new Task<>() {
            @Override
            protected IndexResult call() throws Exception {
                return ConversationIndex.index(file, (done, total) -> updateProgress(done, Math.max(1, total)), this::isCancelled);
            }
        };
        ProgressBar bar = new ProgressBar();
        bar.setId("captureProgress");
        bar.setPrefWidth(360);
        bar.progressProperty().bind(task.progressProperty());
        Button cancel = new Button(t("capture.ui.cancel"));
        cancel.setId("captureCancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> {
            task.cancel();
            stage.close();
        });
        VBox box = new VBox(12, new Label(t("capture.ui.indexing", name())), bar, cancel);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(16));
        stage.setScene(new Scene(box));
        stage.setOnCloseRequest(e -> task.cancel());
        task.setOnSucceeded(e -> showTable(task.getValue()));
        task.setOnFailed(e -> {
            stage.close();
            if (!(task.getException() instanceof CancellationException)) error(task.getException());
        });
        stage.show();
        daemon(task, "capture-index");
    }

    private String name() {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    private static void daemon(Task<?> task, String name) {
        Thread th = new Thread(task, name);
        th.setDaemon(true);
        th.start();
    }

    private void error(Throwable ex) {
        onFailure.run();
        String msg = ex.getMessage() != null ? ex.getMessage() : ex.toString();
        Alert a = new Alert(Alert.AlertType.ERROR, msg);
        a.setHeaderText(t("capture.ui.error", name()));
        if (owner != null) a.initOwner(owner);
        a.show();
    }

    private static <T> TableColumn<Conversation, T> column(String title, Function<Conversation, T> value, double width) {
        TableColumn<Conversation, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private void showTable(IndexResult index) {
        if (index.conversations().isEmpty()) {
            stage.close();
            error(new java.io.IOException(t("capture.ui.none", name(), index.packets())));
            return;
        }
        FilteredList<Conversation> filtered = new FilteredList<>(FXCollections.observableArrayList(index.conversations()));
        SortedList<Conversation> sorted = new SortedList<>(filtered);
        TableView<Conversation> table = new TableView<>(sorted);
        table.setId("conversationTable");
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.getColumns().add(column(t("capture.col.stream"), Conversation::stream, 60));
        table.getColumns().add(column(t("capture.col.client"), c -> c.client() + (c.clientGuessed() ? " ?" : ""), 190));
        table.getColumns().add(column(t("capture.col.server"), Conversation::server, 190));
        table.getColumns().add(column(t("capture.col.packets"), Conversation::packets, 70));
        table.getColumns().add(column(t("capture.col.bytes"), Conversation::bytes, 80));
        table.getColumns().add(column(t("capture.col.durationSeconds"), c -> c.duration() / 1e6, 90));
        table.getColumns().add(column(t("capture.col.opened"), Conversation::opened, 100));
        table.getColumns().add(column(t("capture.col.closed"), Conversation::closed, 70));
        table.setPrefSize(880, 320);

        // ControlsFX's clearable field: the filter empties with one click, as in Wireshark's bar.
        TextField filter = org.controlsfx.control.textfield.TextFields.createClearableTextField();
        filter.setId("conversationFilter");
        filter.setPromptText(t("capture.ui.filter"));
        ChoiceBox<String> ended = new ChoiceBox<>(FXCollections.observableArrayList(
                t("capture.ui.allEndings"), "FIN", "RST", "OPEN"));
        ended.setId("conversationEnding");
        ended.getSelectionModel().select(0);
        Runnable refilter = () -> {
            String q = filter.getText() == null ? "" : filter.getText().trim().toLowerCase(Locale.ROOT);
            int e = ended.getSelectionModel().getSelectedIndex();
            filtered.setPredicate(c -> (q.isEmpty() || c.client().toLowerCase(Locale.ROOT).contains(q)
                    || c.server().toLowerCase(Locale.ROOT).contains(q))
                    && (e <= 0 || c.closed().name().equals(ended.getItems().get(e))));
        };
        filter.textProperty().addListener((o, a, b) -> refilter.run());
        ended.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> refilter.run());
        HBox filters = new HBox(8, new Label(t("capture.ui.filterLabel")), filter, ended);
        filters.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(filter, Priority.ALWAYS);

        Button open = new Button(t("capture.ui.open"));
        open.setId("openConversation");
        open.setDefaultButton(true);
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        Button close = new Button(t("capture.ui.cancel"));
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        ButtonBar.setButtonData(open, ButtonBar.ButtonData.OK_DONE);
        ButtonBar.setButtonData(close, ButtonBar.ButtonData.CANCEL_CLOSE);
        ButtonBar buttons = new ButtonBar();
        buttons.getButtons().addAll(open, close);
        ProgressBar building = new ProgressBar();
        building.setVisible(false);
        building.setId("buildProgress");

        Runnable pick = () -> {
            Conversation c = table.getSelectionModel().getSelectedItem();
            if (c == null) return;
            open.disableProperty().unbind();
            open.setDisable(true);
            building.setVisible(true);
            Task<Trace> build = new Task<>() {
                @Override
                protected Trace call() throws Exception {
                    return CaptureTraces.load(file, index, c.stream(), (d, tot) -> updateProgress(d, Math.max(1, tot)), this::isCancelled).trace();
                }
            };
            building.progressProperty().bind(build.progressProperty());
            close.setOnAction(e -> {
                build.cancel();
                stage.close();
            });
            build.setOnSucceeded(e -> {
                stage.close();
                onTrace.accept(build.getValue());
            });
            build.setOnFailed(e -> {
                stage.close();
                if (!(build.getException() instanceof CancellationException)) error(build.getException());
            });
            daemon(build, "capture-trace");
        };
        open.setOnAction(e -> pick.run());
        table.setRowFactory(tv -> {
            TableRow<Conversation> row = new TableRow<>();
            row.setOnMouseClicked(ev -> {
                if (ev.getClickCount() == 2 && !row.isEmpty()) pick.run();
            });
            return row;
        });
        // The usual case of a capture made for one connection: it is already selected.
        table.getSelectionModel().select(0);
        // With one conversation and nothing to warn about there is nothing to choose: open it.
        boolean only = index.conversations().size() == 1 && index.warnings().isEmpty() && index.droppedWarnings() == 0;

        VBox root = new VBox(10, new Label(t("capture.ui.summary", name(), index.format(), index.packets(),
                index.tcpPackets(), index.conversations().size())), filters, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        if (!index.warnings().isEmpty()) {
            ListView<String> warnings = new ListView<>(FXCollections.observableArrayList(
                    index.warnings().stream().map(CaptureWarning::toString).toList()));
            if (index.droppedWarnings() > 0) warnings.getItems().add(t("capture.ui.moreWarnings", index.droppedWarnings()));
            warnings.setId("captureWarnings");
            warnings.setPrefHeight(110);
            root.getChildren().addAll(new Label(t("capture.cli.warnings", index.warnings().size() + index.droppedWarnings())), warnings);
        }
        root.getChildren().addAll(building, buttons);
        root.setPadding(new Insets(12));
        if (only) {
            // Keep the progress window (with Cancel) while the trace is built; no table.
            VBox progress = new VBox(12, new Label(t("capture.ui.indexing", name())), building, close);
            progress.setAlignment(Pos.CENTER);
            progress.setPadding(new Insets(16));
            stage.setScene(new Scene(progress));
            stage.sizeToScene();
            pick.run();
            return;
        }
        stage.setScene(new Scene(root));
        stage.sizeToScene();
    }
}
