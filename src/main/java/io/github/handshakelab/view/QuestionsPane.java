package io.github.handshakelab.view;

import io.github.handshakelab.questions.Question;
import io.github.handshakelab.questions.QuestionBank;
import io.github.handshakelab.text.Messages;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The interview question bank in the app (issue 8): searchable by text and topic, a random-question
 * drill ("answer aloud, then reveal"), and "Show me", which hands the question to the window to open
 * its scenario or capture at the moment that matters. Answers stay hidden until revealed, so the
 * pane works as flash cards.
 */
public final class QuestionsPane extends VBox {

    private final Locale locale;
    private final TextField search = new TextField();
    private final ComboBox<String> topic = new ComboBox<>();
    private final ListView<Question> list = new ListView<>();
    private final Label title = new Label();
    private final Label question = new Label();
    private final Label hint = new Label();
    private final Label answerHeading = new Label();
    private final Label answer = new Label();
    private final Label pitfallsHeading = new Label();
    private final VBox pitfalls = new VBox(4);
    private final VBox answerBox = new VBox(6);
    private final ToggleButton reveal = new ToggleButton();
    private final Button showMe = new Button();
    private final Button drill = new Button();
    private final Label none = new Label();
    private final BooleanProperty revealed = new SimpleBooleanProperty(this, "revealed", false);
    private final Random random;
    private Consumer<Question> onShowMe = q -> { };

    public QuestionsPane(Locale locale) {
        this(locale, new Random());
    }

    /** {@code random} picks the drill's questions (tests pass a seeded one). */
    public QuestionsPane(Locale locale, Random random) {
        this.locale = locale;
        this.random = random;
        getStyleClass().add("questions-pane");
        setId("questionsPane");
        setSpacing(6);
        setPadding(new Insets(6));

        search.setId("questionSearch");
        search.setPromptText(t("questions.pane.search"));
        topic.setId("questionTopic");
        List<String> topics = new ArrayList<>();
        topics.add(null);
        topics.addAll(QuestionBank.TOPICS);
        topic.setItems(FXCollections.observableArrayList(topics));
        topic.setButtonCell(topicCell());
        topic.setCellFactory(v -> topicCell());
        topic.getSelectionModel().select(0);
        topic.setPrefWidth(150);
        topic.setMaxWidth(200);

        list.setId("questionList");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Question q, boolean empty) {
                super.updateItem(q, empty);
                setText(empty || q == null ? null : q.question().in(locale));
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        list.setPrefHeight(220);
        none.setText(t("questions.pane.none"));
        list.setPlaceholder(none);

        title.getStyleClass().add("question-topic");
        title.setId("questionTopicLabel");
        question.setId("questionText");
        question.getStyleClass().add("question-text");
        question.setWrapText(true);
        hint.setId("drillHint");
        hint.setText(t("questions.pane.drillHint"));
        hint.setWrapText(true);
        hint.getStyleClass().add("drill-hint");
        hint.setVisible(false);
        hint.managedProperty().bind(hint.visibleProperty());

        answerHeading.setText(t("questions.pane.answer"));
        answerHeading.getStyleClass().add("section-heading");
        answer.setId("questionAnswer");
        answer.setWrapText(true);
        pitfallsHeading.setText(t("questions.pane.pitfalls"));
        pitfallsHeading.getStyleClass().add("section-heading");
        pitfalls.setId("questionPitfalls");
        answerBox.setId("answerBox");
        answerBox.getChildren().addAll(answerHeading, answer, pitfallsHeading, pitfalls);
        answerBox.visibleProperty().bind(revealed);
        answerBox.managedProperty().bind(answerBox.visibleProperty());

        reveal.setId("revealAnswer");
        reveal.selectedProperty().bindBidirectional(revealed);
        reveal.textProperty().bind(javafx.beans.binding.Bindings.when(revealed)
                .then(t("questions.pane.hide")).otherwise(t("questions.pane.reveal")));
        showMe.setId("showMe");
        showMe.setText(t("questions.pane.showMe"));
        showMe.setOnAction(e -> {
            Question q = list.getSelectionModel().getSelectedItem();
            if (q != null) onShowMe.accept(q);
        });
        drill.setId("drillButton");
        drill.setText(t("questions.pane.drill"));
        drill.setOnAction(e -> drill());

        HBox filters = new HBox(6, search, topic);
        HBox.setHgrow(search, Priority.ALWAYS);
        HBox.setHgrow(topic, Priority.NEVER);
        HBox actions = new HBox(6, reveal, showMe, drill);
        VBox detail = new VBox(6, title, question, hint, actions, answerBox);
        detail.setPadding(new Insets(4, 2, 4, 2));
        ScrollPane detailScroll = new ScrollPane(detail);
        detailScroll.setFitToWidth(true);
        detailScroll.setId("questionDetail");
        VBox.setVgrow(detailScroll, Priority.ALWAYS);
        getChildren().addAll(filters, list, detailScroll);

        search.textProperty().addListener(o -> refilter());
        topic.valueProperty().addListener(o -> refilter());
        list.getSelectionModel().selectedItemProperty().addListener((o, a, q) -> show(q, false));
        refilter();
        if (!list.getItems().isEmpty()) list.getSelectionModel().select(0);
    }

    /** Called with the question whose "Show me" was pressed. */
    public void setOnShowMe(Consumer<Question> handler) {
        this.onShowMe = handler == null ? q -> { } : handler;
    }

    public ListView<Question> list() { return list; }

    public TextField searchField() { return search; }

    public ComboBox<String> topicBox() { return topic; }

    public BooleanProperty revealedProperty() { return revealed; }

    public Question selected() { return list.getSelectionModel().getSelectedItem(); }

    /** Selects a question by id (clearing filters that hide it). */
    public void select(String id) {
        Question q = QuestionBank.byId(id).orElseThrow(() -> new IllegalArgumentException("unknown question " + id));
        if (!list.getItems().contains(q)) {
            search.clear();
            topic.getSelectionModel().select(0);
        }
        list.getSelectionModel().select(q);
        list.scrollTo(q);
    }

    /** A random question from the current filter, answer hidden, with the "answer aloud" hint. */
    public Question drill() {
        ObservableList<Question> items = list.getItems();
        if (items.isEmpty()) return null;
        Question q = QuestionBank.random(items, selected(), random);
        list.getSelectionModel().select(q);
        list.scrollTo(q);
        show(q, true);
        return q;
    }

    private void refilter() {
        Question keep = selected();
        List<Question> found = QuestionBank.search(search.getText(), topic.getValue(), locale);
        list.setItems(FXCollections.observableArrayList(found));
        if (keep != null && found.contains(keep)) list.getSelectionModel().select(keep);
        else if (!found.isEmpty()) list.getSelectionModel().select(0);
        else show(null, false);
    }

    private void show(Question q, boolean drilling) {
        revealed.set(false);
        hint.setVisible(drilling);
        showMe.setDisable(q == null);
        reveal.setDisable(q == null);
        if (q == null) {
            title.setText("");
            question.setText("");
            answer.setText("");
            pitfalls.getChildren().clear();
            return;
        }
        title.setText(QuestionBank.topicName(q.topic(), locale));
        question.setText(q.question().in(locale));
        answer.setText(q.answer().in(locale));
        pitfalls.getChildren().clear();
        for (Question.Text p : q.pitfalls()) {
            Label l = new Label("• " + p.in(locale));
            l.setWrapText(true);
            l.getStyleClass().add("pitfall");
            pitfalls.getChildren().add(l);
        }
    }

    private ListCell<String> topicCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? t("questions.pane.allTopics") : QuestionBank.topicName(item, locale));
            }
        };
    }

    private String t(String key) {
        return Messages.get(locale, key);
    }
}
