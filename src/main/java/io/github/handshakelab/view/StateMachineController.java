package io.github.handshakelab.view;

import javafx.fxml.FXML;
import javafx.fxml.Initializable;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.net.URL;
import java.util.ResourceBundle;

/**
 * The state-machine pane. It draws to whatever size it is given; "Detach" moves it into its own
 * window (for a second screen or a projector), and closing that window puts it back.
 */
public final class StateMachineController implements Initializable {

    @FXML StackPane statesPane;
    @FXML StateMachineView stateMachine;

    private final WindowModel model;
    private ResourceBundle res;
    private Stage detached;

    public StateMachineController(WindowModel model) {
        this.model = model;
    }

    @Override
    public void initialize(URL location, ResourceBundle resources) {
        res = resources;
        stateMachine.bundleProperty().set(res);
        // Small panes (a 1280x800 projector) get a smaller drawing, not a cut-off one.
        stateMachine.setMinSize(0, 0);
        stateMachine.clientStateProperty().bind(model.clientStateProperty());
        stateMachine.serverStateProperty().bind(model.serverStateProperty());
        stateMachine.clientLastProperty().bind(model.clientLastProperty());
        stateMachine.serverLastProperty().bind(model.serverLastProperty());
    }

    private static String hex(javafx.scene.paint.Color c) {
        return String.format("#%02x%02x%02x", (int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255),
                (int) Math.round(c.getBlue() * 255));
    }

    public StateMachineView view() { return stateMachine; }

    void theme(Theme t) {
        stateMachine.themeProperty().set(t);
        if (detached != null && detached.getScene() != null) {
            detached.getScene().getRoot().setStyle("-fx-background-color: " + hex(t.background) + ";");
        }
    }

    /** Opens the diagram in its own resizable window, or brings that window to the front. */
    public void detach(Window owner, Theme theme) {
        if (detached != null) {
            detached.toFront();
            return;
        }
        statesPane.getChildren().remove(stateMachine);
        Label placeholder = new Label(res.getString("states.detached"));
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add("hint");
        statesPane.getChildren().add(placeholder);
        StackPane root = new StackPane(stateMachine);
        detached = new Stage();
        if (owner != null) detached.initOwner(owner);
        detached.setTitle(res.getString("tab.states"));
        detached.setScene(new Scene(root, 640, 760));
        theme(theme);
        detached.setOnHidden(e -> attach());
        detached.show();
    }

    /** Puts the diagram back into its pane (closing the detached window does this). */
    public void attach() {
        if (detached == null) return;
        Stage w = detached;
        detached = null;
        ((StackPane) stateMachine.getParent()).getChildren().remove(stateMachine);
        statesPane.getChildren().setAll(stateMachine);
        w.setOnHidden(null);
        w.hide();
    }

    boolean isDetached() { return detached != null; }
}
