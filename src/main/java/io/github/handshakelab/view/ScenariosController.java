package io.github.handshakelab.view;

import io.github.handshakelab.lab.Lab;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.fxml.FXML;
import javafx.fxml.Initializable;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.VBox;

import java.net.URL;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The scenario library: search, list, lesson text. The list shows the model's scenario; only a
 * user's pick in the list loads one. Filtering the list never does (a filter that hides the
 * selected row used to move the selection, and so load another scenario).
 */
public final class ScenariosController implements Initializable {

    @FXML VBox libraryPane;
    @FXML TextField searchField;
    @FXML ListView<Lab.ScenarioInfo> scenarioList;
    @FXML Label lessonLabel;

    private final WindowModel model;
    private ResourceBundle res;
    private FilteredList<Lab.ScenarioInfo> filtered;
    /** True while the list's selection is being set to mirror the model (not a user's pick). */
    private boolean mirroring;

    public ScenariosController(WindowModel model) {
        this.model = model;
    }

    @Override
    public void initialize(URL location, ResourceBundle resources) {
        res = resources;
        Locale l = model.locale();
        scenarioList.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(Lab.ScenarioInfo item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) { setText(null); setGraphic(null); return; }
                Label title = new Label(model.text(item.key("title")));
                title.getStyleClass().add("scenario-title");
                title.setWrapText(true);
                title.maxWidthProperty().bind(lv.widthProperty().subtract(44));
                Label summary = new Label(model.text(item.key("summary")));
                summary.getStyleClass().add("scenario-summary");
                summary.setWrapText(true);
                summary.maxWidthProperty().bind(lv.widthProperty().subtract(44));
                setGraphic(new VBox(2, title, summary));
                setText(null);
            }
        });
        ObservableList<Lab.ScenarioInfo> all = FXCollections.observableArrayList(model.lab().scenarios());
        filtered = new FilteredList<>(all, x -> true);
        scenarioList.setItems(filtered);
        searchField.textProperty().addListener((o, a, q) -> {
            String needle = q == null ? "" : q.trim().toLowerCase(l);
            mirroring = true;
            try {
                filtered.setPredicate(x -> needle.isEmpty() || x.id().contains(needle)
                        || model.text(x.key("title")).toLowerCase(l).contains(needle)
                        || model.text(x.key("summary")).toLowerCase(l).contains(needle)
                        || model.text(x.key("lesson")).toLowerCase(l).contains(needle));
                mirror();
            } finally {
                mirroring = false;
            }
        });
        scenarioList.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (mirroring || s == null || s.id().equals(model.scenarioProperty().get())) return;
            model.loadScenario(s.id());
        });
        model.scenarioProperty().addListener(o -> { mirrorNow(); showLesson(); });
        model.traceProperty().addListener(o -> showLesson());
        mirrorNow();
        showLesson();
    }

    private void mirrorNow() {
        mirroring = true;
        try {
            mirror();
        } finally {
            mirroring = false;
        }
    }

    /** Selects the model's scenario in the list if the filter shows it, else nothing. */
    private void mirror() {
        String id = model.scenarioProperty().get();
        Lab.ScenarioInfo row = id == null ? null : filtered.stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
        if (row == null) scenarioList.getSelectionModel().clearSelection();
        else scenarioList.getSelectionModel().select(row);
    }

    private void showLesson() {
        String id = model.scenarioProperty().get();
        if (id != null) {
            lessonLabel.setText(model.text("scenario." + id + ".lesson"));
        } else if (model.fileProperty().get() != null && model.getTrace() != null
                && model.getTrace().source() == io.github.handshakelab.trace.Trace.Source.CAPTURE) {
            lessonLabel.setText(MessageFormat.format(res.getString("library.captureLesson"), model.fileProperty().get().getFileName()));
        } else {
            lessonLabel.setText("");
        }
    }

    public ListView<Lab.ScenarioInfo> list() { return scenarioList; }

    public TextField searchField() { return searchField; }

    /** The index of the first row on screen (kept across a language switch). */
    int firstVisible() {
        VirtualFlow<?> flow = (VirtualFlow<?>) scenarioList.lookup(".virtual-flow");
        if (flow == null || flow.getFirstVisibleCell() == null) return -1;
        return flow.getFirstVisibleCell().getIndex();
    }

    /** Scrolls so {@code index} is the first row; after the first layout, when cell heights are known. */
    void scrollToFirst(int index) {
        if (index < 0) return;
        // (not in a window replaced meanwhile: its rows would be styled without the window's theme)
        Platform.runLater(() -> {
            if (scenarioList.getScene() != null && scenarioList.getScene().getWindow() != null) scenarioList.scrollTo(index);
        });
    }
}
