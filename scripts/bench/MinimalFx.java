import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The yardstick of scripts/bench-startup.sh: one label in a window, started like the app (same jar, same natives). */
public class MinimalFx extends Application {
    public static void main(String[] args) {
        String problem = io.github.handshakelab.app.Natives.prepare();
        if (problem != null) throw new IllegalStateException(problem);
        launch(args);
    }

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("Hello"), 300, 120));
        stage.setTitle("MinimalFx");
        stage.show();
    }
}
