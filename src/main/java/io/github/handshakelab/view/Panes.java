package io.github.handshakelab.view;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.util.Callback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.util.ResourceBundle;

/**
 * Loads the window's FXML. Controllers are made by {@link #factory}: a controller class declares
 * a public constructor taking {@code (WindowModel, Session)}, {@code (WindowModel)} or nothing,
 * and gets this window's model and session. The same factory serves every {@code fx:include}.
 */
public final class Panes {
    private Panes() {}

    /** A loaded FXML: its root node and its controller. */
    public record Loaded<T>(Parent root, T controller) {}

    public static Callback<Class<?>, Object> factory(WindowModel model, Session session) {
        return type -> {
            try {
                for (Constructor<?> c : type.getConstructors()) {
                    Class<?>[] p = c.getParameterTypes();
                    if (p.length == 2 && p[0] == WindowModel.class && p[1] == Session.class) return c.newInstance(model, session);
                }
                for (Constructor<?> c : type.getConstructors()) {
                    Class<?>[] p = c.getParameterTypes();
                    if (p.length == 1 && p[0] == WindowModel.class) return c.newInstance(model);
                }
                return type.getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make controller " + type.getName() + ": " + e, e);
            }
        };
    }

    public static <T> Loaded<T> load(URL fxml, ResourceBundle res, WindowModel model, Session session) {
        FXMLLoader loader = new FXMLLoader(fxml, res);
        loader.setControllerFactory(factory(model, session));
        try {
            Parent root = loader.load();
            return new Loaded<>(root, loader.getController());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml + ": " + e.getMessage(), e);
        }
    }
}
