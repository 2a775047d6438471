import io.github.handshakelab.app.StartupTimes;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The yardstick of scripts/bench-startup.sh: one label in a window, started like the app (same
 * jar, same natives, a main class that is not the Application, as the app's Main). It reports
 * "complete" as the app does: one pulse after the first frame that laid out its content.
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
            Label label = new Label("Hello");
            Scene scene = new Scene(label, 300, 120);
            stage.setScene(scene);
            stage.setTitle("MinimalFx");
            stage.show();
            Runnable[] self = new Runnable[1];
            boolean[] laidOut = {false};
            self[0] = () -> {
                if (!laidOut[0]) {
                    if (label.getWidth() <= 0) return;
                    laidOut[0] = true;
                    Platform.requestNextPulse();
                    return;
                }
                Platform.runLater(() -> scene.removePostLayoutPulseListener(self[0]));
                StartupTimes.mark("frame");
            };
            scene.addPostLayoutPulseListener(self[0]);
        }
    }
}
