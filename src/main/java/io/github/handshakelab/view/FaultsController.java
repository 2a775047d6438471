package io.github.handshakelab.view;

import io.github.handshakelab.lab.Lab;
import io.github.handshakelab.tcp.Profile;
import io.github.handshakelab.tcp.UserCall;
import io.github.handshakelab.trace.Side;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.fxml.Initializable;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.net.URL;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Faults, actions at the playhead and parameters of the simulation lab. The pane always shows
 * what is in effect for the loaded scenario (a scenario's own backlog, cookies, ISNs), refreshed
 * whenever the lab changes, so Apply without an edit changes nothing.
 */
public final class FaultsController implements Initializable {

    @FXML ScrollPane faultsPane;
    @FXML VBox faultsBox;
    @FXML CheckBox loseFinalAck, loseHandshakeAck, isnRandom, synCookies;
    @FXML Button clientCloseButton, serverCloseButton, bothCloseButton, sendButton, abortButton, undoButton, resetFaultsButton, applyParams;
    @FXML ChoiceBox<Side> sideChoice;
    @FXML ChoiceBox<Profile> profileChoice;
    @FXML Spinner<Integer> bytesSpinner, delaySpinner, rtoSpinner, mslSpinner, backlogSpinner;
    @FXML TextField isnClientField, isnServerField, seedField;
    @FXML Label paramError;

    private final WindowModel model;
    private ResourceBundle res;
    private boolean updating;

    public FaultsController(WindowModel model) {
        this.model = model;
    }

    @Override
    public void initialize(URL location, ResourceBundle resources) {
        res = resources;
        sideChoice.setItems(FXCollections.observableArrayList(Side.CLIENT, Side.SERVER));
        sideChoice.setConverter(new StringConverter<>() {
            @Override public String toString(Side s) { return s == null ? "" : res.getString(s == Side.CLIENT ? "diagram.client" : "diagram.server"); }
            @Override public Side fromString(String s) { return null; }
        });
        sideChoice.setValue(Side.CLIENT);
        profileChoice.setItems(FXCollections.observableArrayList(Profile.values()));
        profileChoice.setConverter(new StringConverter<>() {
            @Override public String toString(Profile p) { return p == null ? "" : res.getString("params.profile." + p.id()); }
            @Override public Profile fromString(String s) { return null; }
        });
        profileChoice.setValue(Profile.RFC);
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip(res.getString("params.profile.tip"));
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        profileChoice.setTooltip(tip);
        bytesSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 1_000_000, 100, 100));
        delaySpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 10_000, 50, 10));
        rtoSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(10, 120_000, 1000, 100));
        mslSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 240, 30, 5));
        backlogSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 4096, 128, 1));
        isnClientField.disableProperty().bind(isnRandom.selectedProperty());
        isnServerField.disableProperty().bind(isnRandom.selectedProperty());
        loseFinalAck.selectedProperty().addListener((o, a, v) -> {
            if (!updating && sim()) model.change(() -> model.lab().loseFinalAck(v), v ? "status.loseFinalAck" : "status.faultRemoved");
        });
        loseHandshakeAck.selectedProperty().addListener((o, a, v) -> {
            if (!updating && sim()) model.change(() -> model.lab().loseHandshakeAck(v), v ? "status.loseHandshakeAck" : "status.faultRemoved");
        });
        model.labRevisionProperty().addListener(o -> refresh());
        refresh();
    }

    private boolean sim() {
        return model.lab().current() != null;
    }

    /** Shows the lab's faults and the parameters in effect; disabled when a capture is shown. */
    private void refresh() {
        boolean sim = sim();
        faultsBox.setDisable(!sim);
        updating = true;
        try {
            loseFinalAck.setSelected(sim && model.lab().losesFinalAck());
            loseHandshakeAck.setSelected(sim && model.lab().losesHandshakeAck());
            if (sim) fill(model.lab().params());
        } finally {
            updating = false;
        }
        undoButton.setDisable(!sim || !model.lab().canUndo());
        paramError.setText("");
    }

    private void fill(Lab.Params p) {
        delaySpinner.getValueFactory().setValue((int) p.delayMs());
        rtoSpinner.getValueFactory().setValue((int) p.rtoMs());
        mslSpinner.getValueFactory().setValue((int) p.mslS());
        isnRandom.setSelected(p.isnClient() == null && p.isnServer() == null);
        isnClientField.setText(p.isnClient() == null ? "" : String.valueOf(p.isnClient()));
        isnServerField.setText(p.isnServer() == null ? "" : String.valueOf(p.isnServer()));
        seedField.setText(String.valueOf(p.seed()));
        synCookies.setSelected(p.synCookies());
        backlogSpinner.getValueFactory().setValue(p.backlog());
        profileChoice.setValue(p.profile());
    }

    /** The parameters as entered; one clear message for bad input. */
    Lab.Params read() {
        Long ic = null, is = null;
        if (!isnRandom.isSelected()) {
            ic = isn(isnClientField.getText(), res.getString("params.isnClient"));
            is = isn(isnServerField.getText(), res.getString("params.isnServer"));
        }
        long seed;
        try {
            seed = Long.parseLong(seedField.getText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MessageFormat.format(res.getString("params.badNumber"), res.getString("params.seed"), seedField.getText()));
        }
        return new Lab.Params(delaySpinner.getValue(), rtoSpinner.getValue(), mslSpinner.getValue(), ic, is, seed,
                synCookies.isSelected(), backlogSpinner.getValue(), profileChoice.getValue());
    }

    /** An ISN is an unsigned 32-bit number, 0 .. 4294967295. */
    private Long isn(String text, String field) {
        try {
            long v = Long.parseLong(text.trim());
            if (v < 0 || v > 0xFFFF_FFFFL) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MessageFormat.format(res.getString("params.badIsn"), field, text));
        }
    }

    @FXML public void onClientClose() { call(Side.CLIENT, UserCall.CLOSE, 0, "status.clientClose"); }

    @FXML public void onServerClose() { call(Side.SERVER, UserCall.CLOSE, 0, "status.serverClose"); }

    @FXML public void onBothClose() {
        if (!sim()) return;
        long t = model.getPlayhead();
        model.change(() -> model.lab().callBoth(t, UserCall.CLOSE), "status.bothClose");
    }

    @FXML public void onSend() { call(sideChoice.getValue(), UserCall.SEND, bytesSpinner.getValue(), "status.send"); }

    @FXML public void onAbort() { call(sideChoice.getValue(), UserCall.ABORT, 0, "status.abort"); }

    private void call(Side side, UserCall c, int bytes, String statusKey) {
        if (!sim()) return;
        long t = model.getPlayhead();
        model.change(() -> model.lab().call(t, side, c, bytes), statusKey,
                res.getString(side == Side.CLIENT ? "diagram.client" : "diagram.server"), bytes);
    }

    @FXML public void onUndo() {
        if (!sim() || !model.lab().canUndo()) return;
        model.change(() -> model.lab().undo(), "status.undone");
    }

    @FXML public void onResetFaults() {
        if (!sim()) return;
        model.change(() -> model.lab().resetFaults(), "status.faultsReset");
    }

    @FXML public void onApplyParams() {
        Lab.Params p;
        try {
            p = read();
        } catch (IllegalArgumentException e) {
            paramError.setText(e.getMessage());
            return;
        }
        if (p.equals(model.lab().params())) {
            model.status("status.paramsUnchanged");
            return;
        }
        if (p.profile() != model.lab().params().profile()) {
            model.change(() -> model.lab().params(p), "status.profileApplied", res.getString("params.profile." + p.profile().id()));
        } else {
            model.change(() -> model.lab().params(p), "status.paramsApplied");
        }
    }
}
