package io.github.handshakelab.view;

import io.github.handshakelab.lab.Lab;
import io.github.handshakelab.quiz.Field;
import io.github.handshakelab.quiz.Grader;
import io.github.handshakelab.quiz.Level;
import io.github.handshakelab.quiz.Numbers;
import io.github.handshakelab.quiz.Parse;
import io.github.handshakelab.quiz.Question;
import io.github.handshakelab.quiz.Quiz;
import io.github.handshakelab.quiz.QuizText;
import io.github.handshakelab.tcp.TcpFlags;
import io.github.handshakelab.tcp.TcpState;
import io.github.handshakelab.text.Messages;
import io.github.handshakelab.trace.Side;
import io.github.handshakelab.trace.Trace;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Predict mode: playback stops before each segment is sent and the learner predicts it (who
 * sends, flags, seq, ack, len, both states once it is processed). Each field is checked as soon
 * as it is given; a wrong one shows the expected value with the rule and its arithmetic (the
 * shared {@link Grader}); once all are in, the animation shows the segment.
 *
 * <p>While predicting, the window shows {@link Quiz#pastOf}: a trace that ends where the next
 * segment would leave, so no pane can draw the future (and {@code hideFuture} is on as well).
 * Each attempt at a scenario draws a fresh seed, so the ISNs, and every absolute number, are new.
 */
public final class PredictPane {

    /** Fields with a row in the pane; the flags offered as check boxes. */
    private static final List<String> FLAGS = List.of("SYN", "ACK", "FIN", "RST", "PSH");

    /** An attempt interrupted by a rebuild of the window (language switch), resumed by the next pane. */
    private record Resume(Level level, Numbers numbers, Trace full, Long seed, String exercise, int index, int score, int asked) {}

    private static final Map<Session, Resume> RESUME = new WeakHashMap<>();

    private final MainController c;
    private final WindowModel model;
    private final Locale locale;
    private final QuizScores scores;

    private final ReadOnlyBooleanWrapper predicting = new ReadOnlyBooleanWrapper(this, "predicting");
    private final VBox root = new VBox(8);
    private final ToggleButton toggle = new ToggleButton();
    private final ComboBox<Level> levelBox = new ComboBox<>(FXCollections.observableArrayList(Level.FLAGS_AND_STATES, Level.FULL));
    private final ComboBox<Numbers> numbersBox = new ComboBox<>(FXCollections.observableArrayList(Numbers.ABSOLUTE, Numbers.RELATIVE));
    private final Label question = new Label();
    private final Label scoreLabel = new Label();
    private final GridPane grid = new GridPane();
    private final ToggleGroup fromGroup = new ToggleGroup();
    private final ToggleButton fromClient = new ToggleButton(), fromServer = new ToggleButton();
    private final Map<String, CheckBox> flagBoxes = new java.util.LinkedHashMap<>();
    private final Button flagsOk = new Button();
    private final TextField seqField = new TextField(), ackField = new TextField(), lenField = new TextField();
    private final ComboBox<TcpState> clientState = new ComboBox<>(FXCollections.observableArrayList(TcpState.values()));
    private final ComboBox<TcpState> serverState = new ComboBox<>(FXCollections.observableArrayList(TcpState.values()));
    private final Map<Field, Label> results = new EnumMap<>(Field.class);
    private final Map<Field, Node[]> rows = new EnumMap<>(Field.class);
    private final Button checkAll = new Button(), again = new Button();
    private final VBox lastBox = new VBox(4);
    private final TitledPane lastPane = new TitledPane();
    private final TableView<String> progress = new TableView<>();

    private Quiz quiz;
    private Trace full;
    private String exercise;
    private int index, score, asked;
    private final Map<Field, Grader.Item> answered = new EnumMap<>(Field.class);
    /** True while this pane puts a trace on screen, so its own changes are not taken for the user's. */
    private boolean mine;
    private long animateTo = -1;
    private boolean savedHide, savedAbsolute;

    private PredictPane(MainController c) {
        this.c = c;
        this.model = c.model();
        this.locale = model.locale();
        this.scores = QuizScores.of(c.session().settings);
        build();
    }

    /**
     * Adds Predict mode to a new window (from {@link Extensions}): a "Predict" toggle on the
     * playback bar and in the Playback menu (Shortcut+P). The Predict tab joins the side panel
     * while the mode is on, so the default side panel keeps its four tabs on a projector.
     */
    public static PredictPane install(MainController c) {
        PredictPane p = new PredictPane(c);
        c.root().getProperties().put(PredictPane.class, p);
        Menu play = c.menuBar().getMenus().stream().filter(m -> "playMenu".equals(m.getId())).findFirst().orElse(null);
        if (play != null) {
            CheckMenuItem mi = new CheckMenuItem(p.t("predict.menu"));
            mi.setId("predictMenuItem");
            mi.setAccelerator(KeyCombination.valueOf("Shortcut+P"));
            mi.selectedProperty().bindBidirectional(p.toggle.selectedProperty());
            play.getItems().addAll(new SeparatorMenuItem(), mi);
        }
        ToggleButton bar = new ToggleButton(p.t("predict.toggle"));
        bar.setId("predictBarToggle");
        bar.selectedProperty().bindBidirectional(p.toggle.selectedProperty());
        c.diagramPane().playbackBar.getChildren().add(bar);
        p.toggle.selectedProperty().addListener((o, a, on) -> p.showTab(on));
        p.model.traceProperty().addListener((o, a, t) -> p.onTrace(t));
        p.model.playheadProperty().addListener(o -> p.onTime());
        c.onDispose(p::dispose);
        Resume r = RESUME.remove(c.session());
        if (r != null) Platform.runLater(() -> p.resume(r));
        return p;
    }

    private javafx.scene.control.Tab tab;

    private void showTab(boolean on) {
        if (on && tab == null) {
            tab = c.addSideTab("predictTab", t("predict.tab"), root);
            // The side column widens to show the new header too (as the window fits its tabs),
            // once the header exists: after a CSS and layout pass of the tab pane.
            Platform.runLater(() -> {
                var tabs = c.sideTabs();
                tabs.applyCss();
                tabs.layout();
                if (tabs.lookup(".headers-region") instanceof javafx.scene.layout.Region headers) {
                    double need = headers.prefWidth(-1) + 16;
                    tabs.setMinWidth(Math.max(tabs.getMinWidth(), need));
                    var split = c.split();
                    var dividers = split.getDividers();
                    double w = split.getWidth();
                    if (tabs.getWidth() < need && w > 0 && !dividers.isEmpty()) {
                        var last = dividers.get(dividers.size() - 1);
                        last.setPosition(Math.max(0.35, last.getPosition() - (need - tabs.getWidth()) / w));
                    }
                }
            });
        }
        if (on) {
            c.sideTabs().getSelectionModel().select(tab);
        } else if (tab != null) {
            c.sideTabs().getTabs().remove(tab);
            tab = null;
        }
    }

    /** The Predict pane of a window (tests, other panes). */
    public static PredictPane of(MainController c) {
        return (PredictPane) c.root().getProperties().get(PredictPane.class);
    }

    private String t(String key, Object... args) {
        return Messages.format(locale, key, args);
    }

    // ---- layout ----

    private void build() {
        root.setId("predictPane");
        root.setPadding(new Insets(10));
        toggle.setId("predictToggle");
        toggle.setText(t("predict.toggle"));
        toggle.selectedProperty().addListener((o, a, on) -> { if (on) start(null); else stop(); });
        levelBox.setId("predictLevel");
        levelBox.setValue(Level.FULL);
        levelBox.setConverter(converter(l -> t("predict.level." + l.id)));
        numbersBox.setId("predictNumbers");
        numbersBox.setValue(Numbers.ABSOLUTE);
        numbersBox.setConverter(converter(n -> t("predict.numbers." + n.id())));
        // A new level or numbering is a new attempt.
        levelBox.valueProperty().addListener((o, a, v) -> { if (isPredicting()) start(null); });
        numbersBox.valueProperty().addListener((o, a, v) -> { if (isPredicting()) start(null); });
        FlowPane head = new FlowPane(8, 6, toggle, levelBox, numbersBox);

        Label intro = new Label(t("predict.intro"));
        intro.setWrapText(true);
        question.setId("predictQuestion");
        question.setWrapText(true);
        question.setStyle("-fx-font-weight: bold;");
        scoreLabel.setId("predictScore");
        scoreLabel.setWrapText(true);

        fromClient.setId("predictFromClient");
        fromClient.setText(t("predict.client"));
        fromServer.setId("predictFromServer");
        fromServer.setText(t("predict.server"));
        fromClient.setToggleGroup(fromGroup);
        fromServer.setToggleGroup(fromGroup);
        fromGroup.selectedToggleProperty().addListener((o, a, v) -> {
            if (v != null && quiz != null && !answered.containsKey(Field.FROM)) check(Field.FROM, v == fromClient ? Side.CLIENT : Side.SERVER);
        });
        HBox flags = new HBox(6);
        for (String f : FLAGS) {
            CheckBox b = new CheckBox(f);
            b.setId("predictFlag-" + f);
            flagBoxes.put(f, b);
            flags.getChildren().add(b);
        }
        flagsOk.setId("predictFlagsOk");
        flagsOk.setText(t("predict.ok"));
        flagsOk.setOnAction(e -> checkFlags());
        flags.getChildren().add(flagsOk);
        seqField.setId("predictSeq");
        ackField.setId("predictAck");
        lenField.setId("predictLen");
        ackField.setPromptText(t("predict.ackNone"));
        seqField.setOnAction(e -> checkText(Field.SEQ, seqField));
        ackField.setOnAction(e -> checkText(Field.ACK, ackField));
        lenField.setOnAction(e -> checkText(Field.LEN, lenField));
        clientState.setId("predictClientState");
        serverState.setId("predictServerState");
        clientState.valueProperty().addListener((o, a, v) -> {
            if (v != null && quiz != null && !answered.containsKey(Field.STATE_CLIENT)) check(Field.STATE_CLIENT, v);
        });
        serverState.valueProperty().addListener((o, a, v) -> {
            if (v != null && quiz != null && !answered.containsKey(Field.STATE_SERVER)) check(Field.STATE_SERVER, v);
        });

        grid.setHgap(8);
        grid.setVgap(6);
        row(0, Field.FROM, new HBox(6, fromClient, fromServer));
        row(1, Field.FLAGS, flags);
        row(2, Field.SEQ, seqField);
        row(3, Field.ACK, ackField);
        row(4, Field.LEN, lenField);
        row(5, Field.STATE_CLIENT, clientState);
        row(6, Field.STATE_SERVER, serverState);

        checkAll.setId("predictCheckAll");
        checkAll.setText(t("predict.checkAll"));
        checkAll.setOnAction(e -> checkRemaining());
        again.setId("predictAgain");
        again.setText(t("predict.again"));
        again.setOnAction(e -> start(null));
        lastBox.setId("predictLast");
        lastPane.setText(t("predict.last"));
        lastPane.setContent(lastBox);
        lastPane.setExpanded(true);

        progress.setId("predictProgress");
        progress.setPrefHeight(260);
        progress.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<String, String> title = new TableColumn<>(t("predict.progress.scenario"));
        title.setCellValueFactory(d -> new SimpleStringProperty(model.text("scenario." + d.getValue() + ".title")));
        TableColumn<String, String> states = new TableColumn<>(t("predict.level.states"));
        states.setCellValueFactory(d -> new SimpleStringProperty(cell(d.getValue(), Level.FLAGS_AND_STATES)));
        TableColumn<String, String> fullCol = new TableColumn<>(t("predict.level.full"));
        fullCol.setCellValueFactory(d -> new SimpleStringProperty(cell(d.getValue(), Level.FULL)));
        TableColumn<String, String> mastered = new TableColumn<>(t("predict.progress.mastered"));
        mastered.setCellValueFactory(d -> new SimpleStringProperty(scores.mastered(d.getValue()) ? "✓" : ""));
        progress.getColumns().setAll(List.of(title, states, fullCol, mastered));
        refreshProgress();
        TitledPane progressPane = new TitledPane(t("predict.progress"), progress);
        progressPane.setExpanded(false);
        progressPane.setId("predictProgressPane");

        VBox body = new VBox(8, head, intro, question, grid, new HBox(8, checkAll, again), scoreLabel, lastPane, progressPane);
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root.getChildren().add(scroll);
        showIdle();
    }

    private String cell(String id, Level level) {
        QuizScores.Score best = scores.best(id, level), last = scores.last(id, level);
        return best.total() == 0 ? "–" : t("predict.progress.cell", best, last);
    }

    private void row(int r, Field f, Node input) {
        Label name = new Label(t("quiz.field." + f.json));
        name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label result = new Label();
        result.setId("predictResult-" + f.json.replace('.', '-'));
        result.setWrapText(true);
        result.setMaxWidth(420);
        results.put(f, result);
        // The verdict sits right under its field, so the rule is read next to the answer.
        grid.add(name, 0, 2 * r);
        grid.add(input, 1, 2 * r);
        grid.add(result, 1, 2 * r + 1);
        GridPane.setHgrow(input, Priority.ALWAYS);
        rows.put(f, new Node[]{name, input, result});
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> f) {
        return new StringConverter<>() {
            @Override public String toString(T v) { return v == null ? "" : f.apply(v); }
            @Override public T fromString(String s) { return null; }
        };
    }

    // ---- the attempt ----

    public ReadOnlyBooleanProperty predictingProperty() { return predicting.getReadOnlyProperty(); }

    public boolean isPredicting() { return predicting.get(); }

    public Quiz quiz() { return quiz; }

    /** Turns Predict mode on or off, as the toggle does. */
    public void setOn(boolean on) { toggle.setSelected(on); }

    /** The question being asked, or null when none is. */
    public Question current() { return quiz == null || index >= quiz.questions().size() ? null : quiz.questions().get(index); }

    public int score() { return score; }

    public int asked() { return asked; }

    public Node root() { return root; }

    /**
     * Starts an attempt on what the window shows: a scenario gets a fresh seed (new ISNs), a
     * capture is asked as it was captured. {@code seed} non-null repeats an attempt's seed.
     */
    private void start(Long seed) {
        if (!toggle.isSelected()) {
            toggle.setSelected(true); // calls start again through the listener
            return;
        }
        if (!isPredicting()) {
            savedHide = model.hideFutureProperty().get();
            savedAbsolute = model.absoluteProperty().get();
        }
        predicting.set(true);
        Trace t = full != null && isPredicting() ? full : model.getTrace();
        if (t == null) return;
        Long used = null;
        if (model.scenarioProperty().get() != null && model.fileProperty().get() == null) {
            Lab.Params p = model.lab().params();
            long s = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000);
            mine = true;
            try {
                model.change(() -> model.lab().params(p.withSeed(s)), "status.predict");
            } finally {
                mine = false;
            }
            t = model.getTrace();
            used = s;
        }
        begin(t, used, 0, 0, 0);
    }

    private void begin(Trace t, Long seed, int at, int sc, int ask) {
        full = t;
        exercise = model.scenarioProperty().get() != null ? model.scenarioProperty().get()
                : "capture:" + (t.file() != null ? t.file() : "trace");
        quiz = Quiz.of(t, numbersBox.getValue(), levelBox.getValue(), seed, List.of());
        index = Math.min(at, quiz.questions().size());
        score = sc;
        asked = ask;
        model.hideFutureProperty().set(true);
        model.absoluteProperty().set(numbersBox.getValue() == Numbers.ABSOLUTE);
        if (quiz.questions().isEmpty()) {
            question.setText(t("predict.noSegments"));
            return;
        }
        showQuestion(true);
    }

    private void resume(Resume r) {
        levelBox.setValue(r.level());
        numbersBox.setValue(r.numbers());
        savedHide = model.hideFutureProperty().get();
        savedAbsolute = model.absoluteProperty().get();
        predicting.set(true);
        toggle.setSelected(true);
        begin(r.full(), r.seed(), r.index(), r.score(), r.asked());
    }

    /** Ends predicting: the whole trace again, the view as it was. */
    private void stop() {
        if (!isPredicting()) return;
        predicting.set(false);
        animateTo = -1;
        Trace whole = full;
        quiz = null;
        full = null;
        if (whole != null) put(whole, model.getPlayhead());
        model.hideFutureProperty().set(savedHide);
        model.absoluteProperty().set(savedAbsolute);
        showIdle();
    }

    private void dispose() {
        if (isPredicting() && quiz != null) {
            RESUME.put(c.session(), new Resume(quiz.level(), quiz.numbers(), full, quiz.seed(), exercise, index, score, asked));
            // The next window starts from the whole trace, not from the past shown for a question.
            c.session().trace = full;
            c.session().hideFuture = savedHide;
            c.session().absolute = savedAbsolute;
        }
        animateTo = -1;
    }

    /** Shows a trace without taking it for the user's change. */
    private void put(Trace t, long playhead) {
        mine = true;
        try {
            model.change(() -> t, "status.predict");
            model.status(t("predict.status", quiz != null ? quiz.title(locale) : ""));
        } finally {
            mine = false;
        }
        model.setPlayhead(playhead);
    }

    /** The trace changed under us: a new scenario or file starts a new attempt; a fault keeps the question (the past is the same). */
    private void onTrace(Trace t) {
        if (mine || !isPredicting() || t == null || t == full) return;
        String was = exercise;
        String now = model.scenarioProperty().get() != null ? model.scenarioProperty().get()
                : "capture:" + (t.file() != null ? t.file() : "trace");
        if (quiz != null && current() == null && now.equals(was)) return; // done: the learner explores the whole trace
        if (!now.equals(exercise)) {
            full = null;
            Platform.runLater(() -> start(null));
        } else {
            int at = index;
            Long seed = quiz == null ? null : quiz.seed();
            Platform.runLater(() -> begin(t, seed, at, score, asked));
        }
    }

    private void showQuestion(boolean seekThere) {
        answered.clear();
        Question q = current();
        resetInputs();
        if (q == null) {
            finish();
            return;
        }
        long from = model.getPlayhead();
        put(quiz.pastOf(q), seekThere ? q.segment().sent() : Math.min(from, q.segment().sent()));
        question.setText(t("predict.question", String.valueOf(q.n()), String.valueOf(quiz.questions().size())) + "\n"
                + q.prompt(locale, quiz.level(), quiz.capture()));
        for (Field f : Field.values()) {
            boolean on = quiz.fields().contains(f);
            for (Node n : rows.get(f)) {
                n.setVisible(on);
                n.setManaged(on && (n != results.get(f) || !((Label) n).getText().isEmpty()));
            }
        }
        setInputsDisabled(false);
        updateScore();
        if (!seekThere && model.getPlayhead() < q.segment().sent()) {
            // The segment just answered travels while the next question waits at its send time.
            animateTo = q.segment().sent();
            model.playback().play();
        }
    }

    private void onTime() {
        if (animateTo >= 0 && model.getPlayhead() >= animateTo) {
            long to = animateTo;
            animateTo = -1;
            Platform.runLater(() -> {
                model.playback().pause();
                model.setPlayhead(to);
            });
        }
    }

    /** Stops an animation at its end at once (tests, and a learner who does not want to wait). */
    public void finishAnimation() {
        if (animateTo >= 0) {
            long to = animateTo;
            animateTo = -1;
            model.playback().pause();
            model.setPlayhead(to);
        }
    }

    private void finish() {
        QuizScores.Score s = new QuizScores.Score(score, asked);
        if (asked > 0) scores.record(exercise, quiz.level(), s);
        refreshProgress();
        setInputsDisabled(true);
        question.setText(t("predict.done", String.valueOf(score), String.valueOf(asked)));
        Trace whole = full;
        long at = model.getPlayhead();
        put(whole, at);
        model.hideFutureProperty().set(savedHide);
        updateScore();
        // The last segment and everything after it: the rest of the exchange plays out.
        model.playback().play();
    }

    private void resetInputs() {
        fromGroup.selectToggle(null);
        flagBoxes.values().forEach(b -> b.setSelected(false));
        seqField.clear();
        ackField.clear();
        lenField.clear();
        clientState.setValue(null);
        serverState.setValue(null);
        results.values().forEach(l -> {
            l.setText("");
            l.setManaged(false);
            l.getStyleClass().removeAll("predict-right", "predict-wrong");
        });
    }

    private void setInputsDisabled(boolean off) {
        for (Field f : Field.values()) rows.get(f)[1].setDisable(off);
        checkAll.setDisable(off);
    }

    private void showIdle() {
        question.setText(t("predict.idle"));
        setInputsDisabled(true);
        updateScore();
    }

    // ---- checking ----

    private void checkFlags() {
        if (quiz == null || answered.containsKey(Field.FLAGS)) return;
        List<String> on = flagBoxes.entrySet().stream().filter(e -> e.getValue().isSelected()).map(Map.Entry::getKey).toList();
        check(Field.FLAGS, TcpFlags.parse(on));
    }

    private void checkText(Field f, TextField field) {
        if (quiz == null || answered.containsKey(f)) return;
        String text = field.getText() == null ? "" : field.getText();
        try {
            Object v = switch (f) {
                case SEQ -> Parse.number(text, false, quiz.numbers());
                case ACK -> text.isBlank() ? null : Parse.number(text, true, quiz.numbers());
                default -> Parse.length(text);
            };
            check(f, v);
        } catch (IllegalArgumentException e) {
            Label l = results.get(f);
            l.setManaged(true);
            l.setText(t("quiz.term.retry", e.getMessage()));
        }
    }

    /** Checks every field not answered yet with what the inputs hold; an empty one counts as wrong. */
    public void checkRemaining() {
        if (quiz == null || current() == null) return;
        for (Field f : quiz.fields()) {
            if (answered.containsKey(f)) continue;
            switch (f) {
                case FROM -> check(f, fromGroup.getSelectedToggle() == null ? null
                        : fromGroup.getSelectedToggle() == fromClient ? Side.CLIENT : Side.SERVER, fromGroup.getSelectedToggle() != null);
                case FLAGS -> checkFlags();
                case SEQ -> { if (seqField.getText().isBlank()) check(f, null, false); else checkText(f, seqField); }
                case ACK -> checkText(f, ackField);
                case LEN -> { if (lenField.getText().isBlank()) check(f, null, false); else checkText(f, lenField); }
                case STATE_CLIENT -> check(f, clientState.getValue(), clientState.getValue() != null);
                case STATE_SERVER -> check(f, serverState.getValue(), serverState.getValue() != null);
            }
            if (current() == null || !answered.containsKey(f)) break; // a text not understood stays to fix
        }
    }

    private void check(Field f, Object given) {
        check(f, given, true);
    }

    /** Checks one field now; once every field of the level is in, the segment is shown and the next question comes. */
    public void check(Field f, Object given, boolean isAnswered) {
        Question q = current();
        if (q == null || answered.containsKey(f) || !quiz.fields().contains(f)) return;
        Grader.Item it = Grader.check(quiz, q, f, isAnswered, given, locale);
        answered.put(f, it);
        Label l = results.get(f);
        l.setManaged(true);
        l.getStyleClass().add(it.correct() ? "predict-right" : "predict-wrong");
        l.setStyle(it.correct() ? "-fx-text-fill: #1b7f3b;" : "-fx-text-fill: #b3261e;");
        l.setText(it.correct() ? "✓ " + t("predict.right")
                : "✗ " + t("predict.expected", Grader.show(f, it.expected(), locale)) + " " + it.why());
        rows.get(f)[1].setDisable(true);
        if (answered.keySet().containsAll(quiz.fields())) reveal(q);
        else updateScore();
    }

    private void reveal(Question q) {
        int right = (int) answered.values().stream().filter(Grader.Item::correct).count();
        score += right;
        asked += answered.size();
        lastPane.setText(t("predict.lastOf", String.valueOf(q.segment().id()), String.valueOf(right), String.valueOf(answered.size())));
        lastBox.getChildren().clear();
        Label key = new Label(QuizText.keyLine(quiz, q, locale));
        key.setStyle("-fx-font-weight: bold;");
        key.setId("predictLastKey");
        key.setWrapText(true);
        lastBox.getChildren().add(key);
        for (Field f : quiz.fields()) {
            Grader.Item it = answered.get(f);
            String value = it.correct() ? Grader.show(f, it.expected(), locale)
                    : t("predict.gotExpected", it.answered() ? Grader.show(f, it.given(), locale) : t("quiz.value.missing"),
                    Grader.show(f, it.expected(), locale)) + " " + it.why();
            Label l = new Label((it.correct() ? "✓ " : "✗ ") + t("predict.lastLine", t("quiz.field." + f.json), value));
            l.setWrapText(true);
            l.setStyle(it.correct() ? "-fx-text-fill: #1b7f3b;" : "-fx-text-fill: #b3261e;");
            lastBox.getChildren().add(l);
        }
        index++;
        showQuestion(false);
    }

    private void updateScore() {
        if (quiz == null) {
            scoreLabel.setText("");
            return;
        }
        QuizScores.Score best = scores.best(exercise, quiz.level()), last = scores.last(exercise, quiz.level());
        String seed = quiz.seed() == null ? "" : " · " + t("predict.seed", String.valueOf(quiz.seed()));
        scoreLabel.setText(t("predict.score", String.valueOf(score), String.valueOf(asked), best, last) + seed);
    }

    private void refreshProgress() {
        progress.getItems().setAll(model.lab().scenarios().stream().map(Lab.ScenarioInfo::id).toList());
        progress.refresh();
    }
}
