package io.github.handshakelab.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The desktop application. The main window arrives with the diagram issue; this is its placeholder. */
public class HandshakeLabApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle("Handshake Lab");
        stage.setScene(new Scene(new Label("Handshake Lab"), 800, 600));
        stage.show();
    }
}
