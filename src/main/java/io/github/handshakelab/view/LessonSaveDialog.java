package io.github.handshakelab.view;

import io.github.handshakelab.lesson.Lesson;
import io.github.handshakelab.lesson.Times;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * File > Save as lesson: the title in both languages and a small steps editor (a step is added
 * at the playhead; time and captions are edited in the table), then the file. The scenario's
 * faults and parameters are saved as {@code render} options; what no option expresses is said.
 */
final class LessonSaveDialog {
    private LessonSaveDialog() {}

    /** One editable row: the time as typed ("1.55s") and both captions. */
    static final class Row {
        final SimpleStringProperty at = new SimpleStringProperty(), en = new SimpleStringProperty(""), zh = new SimpleStringProperty("");
        Lesson.Highlight highlight;
        Lesson.Text ask;

        Row(long t) { at.set(Times.format(t)); }
    }

    static void show(LessonsUi ui) {
        WindowModel model = ui.model;
        var res = ui.res;
        List<String> unsaved = new ArrayList<>();
        if (ui.current(new Lesson.Text("x", "x"), List.of(), null, unsaved) == null) {
            model.status(res.getString("save.noSource"));
            return;
        }
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle(res.getString("save.title"));
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        if (ui.c.session().stage != null && ui.c.session().stage.getScene() != null) d.initOwner(ui.c.session().stage);

        Lesson now = ui.lesson();
        TextField titleEn = new TextField(), titleZh = new TextField();
        titleEn.setId("lessonTitleEn");
        titleZh.setId("lessonTitleZh");
        String id = model.scenarioProperty().get();
        if (now != null) {
            titleEn.setText(now.title().en());
            titleZh.setText(now.title().zh());
        } else if (id != null) {
            titleEn.setText(io.github.handshakelab.text.Messages.get(Locale.ROOT, "scenario." + id + ".title"));
            titleZh.setText(io.github.handshakelab.text.Messages.get(Locale.SIMPLIFIED_CHINESE, "scenario." + id + ".title"));
        }
        ObservableList<Row> rows = FXCollections.observableArrayList();
        if (now != null) {
            for (Lesson.Step s : now.steps()) {
                Row r = new Row(s.at());
                r.en.set(s.caption().en());
                r.zh.set(s.caption().zh());
                r.highlight = s.highlight();
                r.ask = s.ask();
                rows.add(r);
            }
        }
        TableView<Row> table = new TableView<>(rows);
        table.setId("lessonSteps");
        table.setEditable(true);
        table.getColumns().add(column(res.getString("save.at"), r -> r.at, 90));
        table.getColumns().add(column(res.getString("save.captionEn"), r -> r.en, 320));
        table.getColumns().add(column(res.getString("save.captionZh"), r -> r.zh, 320));
        table.setPrefHeight(260);

        Button add = new Button(res.getString("save.add"));
        add.setId("addStepButton");
        add.setOnAction(e -> {
            Row r = new Row(model.getPlayhead());
            if (model.getSelection() != null) r.highlight = new Lesson.Highlight.OfSegment(model.getSelection().id());
            rows.add(r);
            rows.sort(Comparator.comparingLong(x -> parse(x.at.get())));
            table.getSelectionModel().select(r);
            table.edit(rows.indexOf(r), table.getColumns().get(1));
        });
        Button remove = new Button(res.getString("save.remove"));
        remove.setOnAction(e -> rows.removeAll(table.getSelectionModel().getSelectedItems()));
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());

        GridPane head = new GridPane();
        head.setHgap(8);
        head.setVgap(6);
        head.addRow(0, new Label(res.getString("save.titleEn")), titleEn);
        head.addRow(1, new Label(res.getString("save.titleZh")), titleZh);
        GridPane.setHgrow(titleEn, Priority.ALWAYS);
        Label problem = new Label();
        problem.setWrapText(true);
        problem.setStyle("-fx-text-fill: #c62828;");
        Label note = new Label(unsaved.isEmpty() ? "" : MessageFormat.format(res.getString("save.unsaved"), String.join("; ", unsaved)));
        note.setWrapText(true);
        VBox box = new VBox(8, head, table, new HBox(8, add, remove), note, problem);
        box.setPrefWidth(780);
        d.getDialogPane().setContent(box);

        Button ok = (Button) d.getDialogPane().lookupButton(ButtonType.OK);
        ok.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            List<Lesson.Step> steps = steps(rows);
            if (steps == null || titleEn.getText().isBlank() || titleZh.getText().isBlank()) {
                problem.setText(res.getString("save.incomplete"));
                e.consume();
                return;
            }
            FileChooser fc = new FileChooser();
            fc.setTitle(res.getString("save.title"));
            // .hslesson: the extension the installers associate with the app (a double-click opens it)
            String ext = io.github.handshakelab.lesson.LessonFiles.EXTENSION;
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(res.getString("lesson.filter"), "*." + ext, "*.json"));
            fc.setInitialFileName((id != null ? id : "lesson") + "." + ext);
            File f = fc.showSaveDialog(d.getDialogPane().getScene().getWindow());
            if (f == null) {
                e.consume();
                return;
            }
            Path target = f.toPath();
            Lesson l = ui.current(new Lesson.Text(titleEn.getText().strip(), titleZh.getText().strip()), steps, target, new ArrayList<>());
            if (!ui.save(l, target)) e.consume();
        });
        d.show();
    }

    /** The rows as steps in time order, or null when a time does not parse or a caption is missing. */
    static List<Lesson.Step> steps(List<Row> rows) {
        List<Lesson.Step> out = new ArrayList<>();
        for (Row r : rows) {
            long t = parse(r.at.get());
            if (t < 0 || r.en.get().isBlank() || r.zh.get().isBlank()) return null;
            out.add(new Lesson.Step(t, new Lesson.Text(r.en.get().strip(), r.zh.get().strip()), r.highlight, r.ask));
        }
        if (out.isEmpty()) return null;
        out.sort(Comparator.comparingLong(Lesson.Step::at));
        return out;
    }

    private static long parse(String s) {
        try {
            return Times.parse(s == null ? "" : s);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static TableColumn<Row, String> column(String title, java.util.function.Function<Row, SimpleStringProperty> p, double width) {
        TableColumn<Row, String> col = new TableColumn<>(title);
        col.setCellValueFactory(cd -> p.apply(cd.getValue()));
        col.setCellFactory(TextFieldTableCell.forTableColumn());
        col.setOnEditCommit(e -> p.apply(e.getRowValue()).set(e.getNewValue()));
        col.setPrefWidth(width);
        return col;
    }
}
