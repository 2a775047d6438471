import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The yardstick of scripts/bench-startup.sh: one label in a window, started like the app (same
 * jar, same natives, a main class that is not the Application, as the app's Main).
 */
public class MinimalFx {
    public static void main(String[] args) {
        String problem = io.github.handshakelab.app.Natives.prepare();
        if (problem != null) throw new IllegalStateException(problem);
        Application.launch(App.class, args);
    }

    public static class App extends Application {
        @Override
        public void start(Stage stage) {
            stage.setScene(new Scene(new Label("Hello"), 300, 120));
            stage.setTitle("MinimalFx");
            stage.show();
        }
    }
}
