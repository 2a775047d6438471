package io.github.handshakelab.view;

import io.github.handshakelab.text.TimeFormat;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.Initializable;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

import java.net.URL;
import java.util.ResourceBundle;

/**
 * "What happened": the model's happenings up to the playhead, oldest first like the text ladder,
 * scrolled so the newest is in view. They roll back when the playhead does.
 */
public final class NotesController implements Initializable {

    @FXML ListView<WindowModel.Happening> notesList;

    private final WindowModel model;

    public NotesController(WindowModel model) {
        this.model = model;
    }

    @Override
    public void initialize(URL location, ResourceBundle resources) {
        notesList.setItems(model.happened());
        // Notes are sentences: wrap them to the pane instead of cutting them off.
        notesList.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(WindowModel.Happening item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("happening-note", "happening-timer", "happening-lost");
                if (empty || item == null) { setText(null); return; }
                setText(text(item));
                getStyleClass().add("happening-" + item.kind().name().toLowerCase(java.util.Locale.ROOT));
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        model.happened().addListener((ListChangeListener<WindowModel.Happening>) c -> {
            if (!model.happened().isEmpty()) notesList.scrollTo(model.happened().size() - 1);
        });
    }

    /** One line as shown: the time, then the text. */
    public static String text(WindowModel.Happening h) {
        return TimeFormat.instant(h.t()) + "   " + h.text();
    }

    public ListView<WindowModel.Happening> list() { return notesList; }
}
