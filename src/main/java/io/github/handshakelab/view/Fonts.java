package io.github.handshakelab.view;

import javafx.scene.text.Font;

import java.util.Locale;

/**
 * The UI font family. JavaFX's logical "System" font does not fall back to CJK glyphs on every
 * Linux setup (headless Monocle never does), so Chinese uses a CJK family explicitly when one is
 * installed; it covers Latin too.
 */
public final class Fonts {
    private Fonts() {}

    private static final String[] CJK = {"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
            "Microsoft YaHei", "PingFang SC"};

    private static volatile String family = "System";

    public static String family() { return family; }

    /** Picks the family for a locale; returns the CSS to put on the scene root ("" for the default). */
    public static String use(Locale locale) {
        family = "System";
        if (locale.getLanguage().equals("zh")) {
            var installed = Font.getFamilies();
            for (String f : CJK) {
                if (installed.contains(f)) {
                    family = f;
                    return "-fx-font-family: \"" + f + "\";";
                }
            }
        }
        return "";
    }
}
