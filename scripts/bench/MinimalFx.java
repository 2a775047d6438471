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
                mark("frame");
            };
            scene.addPostLayoutPulseListener(self[0]);
        }
    }

    /** As app.StartupTimes.mark (kept here so the yardstick also builds against an older jar). */
    static void mark(String what) {
        if (!"1".equals(System.getenv("HANDSHAKELAB_STARTUP"))) return;
        System.out.println("startup " + what + " " + System.currentTimeMillis() + " " + cpuMs("/proc/self/stat")
                + " " + cpuMs("/proc/thread-self/stat"));
        System.out.flush();
    }

    static long cpuMs(String statFile) {
        try {
            String s = java.nio.file.Files.readString(java.nio.file.Path.of(statFile));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}
