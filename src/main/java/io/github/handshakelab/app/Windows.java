package io.github.handshakelab.app;

import io.github.handshakelab.view.MainController;
import io.github.handshakelab.view.Session;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.ResourceBundle;

/** Builds the main window from FXML in the session's language; rebuilding keeps trace and playhead. */
public final class Windows {
    private Windows() {}

    /** The ui bundle without falling back to the system locale (English must stay English on a Chinese system). */
    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("i18n/ui", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The controller of the window now shown on {@code stage} (it changes when the language does). */
    public static MainController controller(Stage stage) {
        return (MainController) stage.getScene().getRoot().getProperties().get(MainController.class);
    }

    public static MainController show(Stage stage, Session session) {
        ResourceBundle res = bundle(session.locale);
        io.github.handshakelab.view.Fonts.use(session.locale);
        FXMLLoader loader = new FXMLLoader(MainController.class.getResource("main.fxml"), res);
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the main window: " + e.getMessage(), e);
        }
        MainController c = loader.getController();
        root.setStyle(io.github.handshakelab.view.Fonts.use(session.locale));
        root.getProperties().put(MainController.class, c);
        Scene scene = stage.getScene();
        if (scene == null) {
            stage.setScene(new Scene(root, session.settings.width(), session.settings.height()));
        } else {
            scene.setRoot(root);
        }
        session.rebuild = () -> show(stage, session);
        c.start(session);
        stage.setTitle(res.getString("app.title"));
        return c;
    }
}
