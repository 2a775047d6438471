package io.github.handshakelab.diagram;

import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.sim.Simulator;
import io.github.handshakelab.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 7, labels far from their arrows: in the projector theme at 1280x800 the diagram canvas is
 * about 620 px wide (the scenario list and the inspector take the rest), and lost-final-ack's
 * selected final ACK had its only free place ~140 px below its arrow, beyond the "⋯ 60.0 s ⋯" gap
 * band, as if sent a minute later. A label now stays on its arrow's side of every gap band and,
 * when pushed away from its arrow, has a leader line to the point on its arrow it names.
 */
class LabelLeaderTest {

    /** Canvas widths of the diagram around the projector theme at 1280x800 (617 px measured), and the 1200 of a wide window. */
    static Stream<Arguments> projectorLayouts() {
        List<Arguments> out = new ArrayList<>();
        Trace t = Simulator.run(Scenarios.byId("lost-final-ack").orElseThrow());
        for (Locale l : new Locale[]{Locale.ROOT, Locale.SIMPLIFIED_CHINESE}) {
            for (double w : new double[]{580, 600, 617, 633, 640, 660, 700, 1200}) {
                out.add(Arguments.of("lost-final-ack projector " + w + " " + l,
                        new DiagramLayout(t, DiagramLayout.Options.of(Palette.PROJECTOR, w, 1, false, DiagramLayout.Spacing.AUTO, l, false))));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projectorLayouts")
    void everyLabelIsBesideItsArrowOrLedToItAndNeverBeyondAGap(String name, DiagramLayout l) {
        assertEquals(List.of(), LabelPlacementTest.collisions(l), name);
        assertEquals(List.of(), farLabels(l), name);
    }

    /**
     * The 1280x800 case itself (617 px in English, 633 px in Chinese): the final ACK sits above the
     * 60 s band, beside its arrow or led to it, and no leader runs through another label. (In
     * Chinese at 633 px one had to, until labels wider than the room between the lifelines were
     * stacked: the stacked labels leave the final ACK a free place with a free leader.)
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"617, en, 0", "633, zh-CN, 0"})
    void theFinalAckOfLostFinalAckStaysAboveTheSixtySecondBand(double width, String lang, int crossings) {
        Trace t = Simulator.run(Scenarios.byId("lost-final-ack").orElseThrow());
        DiagramLayout l = new DiagramLayout(t, DiagramLayout.Options.of(Palette.PROJECTOR, width, 1, false,
                DiagramLayout.Spacing.AUTO, Locale.forLanguageTag(lang), false));
        assertEquals(crossings, leadersThroughLabels(l).size(), leadersThroughLabels(l).toString());
        assertEquals(List.of(), farLabels(l));
        DiagramLayout.GapBreak sixty = l.gaps().stream().filter(g -> g.text().contains("60.0 s")).findFirst().orElseThrow();
        DiagramLayout.Arrow last = null;
        for (DiagramLayout.Arrow a : l.arrows()) if (Math.max(a.y1(), a.y2()) <= sixty.y0() + 1) last = a;
        assertNotNull(last);
        assertTrue(last.text().startsWith("ACK "), last.text());
        assertTrue(last.label().y() + last.label().h() <= sixty.y0(), "final ACK's label above the band: " + last.label());
        assertTrue(distance(last.label(), last) <= l.options().lineHeight() || l.leader(last) != null, last.label().toString());
    }

    /** Leaders that run through another label (avoided where a free leader exists; at 640 px one cannot be). */
    static List<String> leadersThroughLabels(DiagramLayout l) {
        List<String> out = new ArrayList<>();
        for (DiagramLayout.Arrow a : l.arrows()) {
            DiagramLayout.Leader leader = l.leader(a);
            if (leader == null) continue;
            for (DiagramLayout.Arrow o : l.arrows()) {
                if (o.segment().id() != a.segment().id() && o.label().crosses(leader.x1(), leader.y1(), leader.ax(), leader.ay(), 0)) {
                    out.add("label " + a.segment().id() + "'s leader runs through label " + o.segment().id());
                }
            }
        }
        return out;
    }

    /** Labels neither beside their arrow (within a line height) nor led to a point on it, or beyond a gap band. */
    static List<String> farLabels(DiagramLayout l) {
        List<String> out = new ArrayList<>();
        double lh = l.options().lineHeight();
        for (DiagramLayout.Arrow a : l.arrows()) {
            DiagramLayout.Box b = a.label();
            int id = a.segment().id();
            DiagramLayout.Leader leader = l.leader(a);
            double d = distance(b, a);
            if (d > lh) {
                if (leader == null) {
                    out.add("label " + id + " " + Math.round(d) + " px from its arrow without a leader");
                } else {
                    if (a.distance(leader.ax(), leader.ay()) > 0.5) out.add("label " + id + "'s leader ends off its arrow");
                    if (!onEdge(b, leader.x1(), leader.y1())) out.add("label " + id + "'s leader starts off its box");
                }
            }
            double top = Math.min(a.y1(), a.y2()), bottom = Math.max(a.y1(), a.y2());
            for (DiagramLayout.GapBreak g : l.gaps()) {
                if ((bottom <= g.y0() + 1 && b.y() >= g.y1() - 1) || (top >= g.y1() - 1 && b.y() + b.h() <= g.y0() + 1)) {
                    out.add("label " + id + " beyond the gap band " + g.text() + " from its arrow");
                }
            }
        }
        return out;
    }

    private static boolean onEdge(DiagramLayout.Box b, double x, double y) {
        double e = 1e-6;
        boolean inside = x >= b.x() - e && x <= b.x() + b.w() + e && y >= b.y() - e && y <= b.y() + b.h() + e;
        return inside && (Math.abs(x - b.x()) < e || Math.abs(x - b.x() - b.w()) < e || Math.abs(y - b.y()) < e
                || Math.abs(y - b.y() - b.h()) < e);
    }

    /** Shortest distance between a label box and its arrow's line (0 when the line crosses the box). */
    static double distance(DiagramLayout.Box b, DiagramLayout.Arrow a) {
        if (b.crosses(a.x1(), a.y1(), a.x2(), a.y2(), 0)) return 0;
        double d = Math.min(pointToBox(b, a.x1(), a.y1()), pointToBox(b, a.x2(), a.y2()));
        for (double[] c : new double[][]{{b.x(), b.y()}, {b.x() + b.w(), b.y()}, {b.x(), b.y() + b.h()}, {b.x() + b.w(), b.y() + b.h()}}) {
            d = Math.min(d, a.distance(c[0], c[1]));
        }
        return d;
    }

    private static double pointToBox(DiagramLayout.Box b, double x, double y) {
        double dx = Math.max(0, Math.max(b.x() - x, x - b.x() - b.w())), dy = Math.max(0, Math.max(b.y() - y, y - b.y() - b.h()));
        return Math.hypot(dx, dy);
    }
}
