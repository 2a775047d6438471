package io.github.handshakelab.diagram;

import io.github.handshakelab.tcp.TcpState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The palette is the one source of a theme's colours and type, and every text colour is readable (WCAG AA). */
class PaletteTest {

    private static final Path CSS = Path.of("src/main/resources/io/github/handshakelab/view");

    private static String css(Palette p) throws IOException {
        return Files.readString(CSS.resolve(p.name() + ".css"));
    }

    /** The declarations of the theme's {@code .main} rule. */
    private static Map<String, String> mainRule(String css) {
        Matcher m = Pattern.compile("(?s)(?:^|\\n)\\.main\\s*\\{(.*?)\\}").matcher(css);
        assertTrue(m.find(), "a .main rule");
        Map<String, String> out = new LinkedHashMap<>();
        for (String decl : m.group(1).split(";")) {
            int c = decl.indexOf(':');
            if (c > 0) out.put(decl.substring(0, c).trim(), decl.substring(c + 1).trim());
        }
        return out;
    }

    @Test
    void eachStylesheetDefinesExactlyThePalettesColoursAndFontSize() throws IOException {
        for (Palette p : Palette.ALL) {
            Map<String, String> rule = mainRule(css(p));
            Map<String, String> hl = new LinkedHashMap<>();
            rule.forEach((k, v) -> { if (k.startsWith("-hl-")) hl.put(k, v.toLowerCase()); });
            assertEquals(p.lookedUpColours(), hl, p.name() + ".css");
            String font = rule.getOrDefault("-fx-font-size", "13px");
            assertEquals(p.uiFontSize() + "px", Double.parseDouble(font.replace("px", "")) + "px", p.name() + " font size");
        }
    }

    @Test
    void theProjectorWritesSeqAndAckAtLeast24Px() {
        assertTrue(Palette.PROJECTOR.labelFontSize() >= 24);
        DiagramLayout.Options o = DiagramLayout.Options.of(Palette.PROJECTOR, 1200, 1, false, DiagramLayout.Spacing.AUTO,
                java.util.Locale.ROOT, false);
        assertEquals(24 * 0.6, o.charWidth(), 1e-9, "label widths follow the 24 px monospace font");
    }

    @Test
    void everyTextColourReachesWcagAaOnItsBackground() {
        List<String> failures = new ArrayList<>();
        for (Palette p : Palette.ALL) {
            for (String bg : new String[]{p.background(), p.panel(), p.bar()}) {
                check(failures, p.name() + " text", p.text(), bg);
                check(failures, p.name() + " muted", p.muted(), bg);
                check(failures, p.name() + " danger", p.danger(), bg);
            }
            check(failures, p.name() + " text on hover", p.text(), p.hover());
            check(failures, p.name() + " accent (playhead time)", p.accent(), p.background());
            check(failures, p.name() + " selected text (speed box, lists)", p.selectedText(), p.selected());
            for (TcpState s : TcpState.values()) {
                check(failures, p.name() + " " + s + " label", p.stateLabelHex(s), p.background());
            }
        }
        for (TcpState s : TcpState.values()) {
            check(failures, s + " badge", Palette.stateTextHex(s), Palette.stateHex(s));
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void contrastIsTheWcagRatio() {
        assertEquals(21.0, Palette.contrast("#000000", "#ffffff"), 1e-9);
        assertEquals(1.0, Palette.contrast("#777777", "#777777"), 1e-9);
        // the two failures the classroom trial found, as they were
        assertTrue(Palette.contrast("#ffffff", "#ffd54f") < 4.5, "white on yellow");
        assertTrue(Palette.contrast(Palette.stateHex(TcpState.LISTEN), "#000000") < 4.5, "LISTEN blue on black");
        assertTrue(Palette.contrast(Palette.PROJECTOR.stateLabelHex(TcpState.LISTEN), "#000000") >= 4.5, "LISTEN as text on black");
        assertEquals("#0072b2", Palette.stateHex(TcpState.LISTEN), "the band keeps the palette's hue");
    }

    private static void check(List<String> failures, String what, String fg, String bg) {
        double c = Palette.contrast(fg, bg);
        if (c < 4.5) failures.add(String.format(java.util.Locale.ROOT, "%s: %s on %s = %.2f", what, fg, bg, c));
    }

    @Test
    void hexIsWhatPercent02xWrites() {
        for (int v : new int[] {0, 1, 9, 10, 15, 16, 127, 128, 200, 254, 255}) {
            assertEquals(String.format(java.util.Locale.ROOT, "#%02x%02x%02x", v, 255 - v, v / 2), Palette.hex(v, 255 - v, v / 2));
        }
        assertEquals("#e69f00", Palette.mix("#e69f00", "#000000", 0));
        assertEquals("#735000", Palette.mix("#e69f00", "#000000", 0.5));
    }
}
