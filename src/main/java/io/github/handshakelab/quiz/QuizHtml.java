package io.github.handshakelab.quiz;

import io.github.handshakelab.text.Messages;
import io.github.handshakelab.trace.Side;

import java.util.Locale;

/**
 * The printable worksheet: a ladder with one blank row per segment between the two lifelines,
 * self-contained (inline CSS, no fonts or scripts fetched), UTF-8. The key, with the arithmetic,
 * starts on a new page so the sheet can be printed without it.
 */
public final class QuizHtml {

    private QuizHtml() {}

    private static final String CSS = """
            body{font-family:"Noto Sans","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
              margin:1.5cm;color:#111;font-size:11pt}
            h1{font-size:16pt;margin:0 0 .2em} h2{font-size:13pt;margin:1em 0 .4em}
            .meta{color:#444;font-size:9.5pt;margin-bottom:.8em}
            table.ladder{border-collapse:collapse;width:100%}
            .ladder th{font-size:10pt;border-bottom:2px solid #333;padding:.3em}
            .ladder td{padding:.35em .3em;vertical-align:top;border-bottom:1px dotted #bbb}
            td.life{width:15%;text-align:center;border-left:3px solid #555;border-right:3px solid #555}
            td.n{width:3em;font-weight:bold} td.t{width:5.5em;color:#444;font-size:9.5pt}
            .blank{display:inline-block;min-width:6.5em;border-bottom:1px solid #000;height:1.2em;margin:0 .4em 0 .2em}
            .blank.s{min-width:3em} .blank.w{min-width:9em}
            .lbl{font-size:9pt;color:#333}
            .ctx{font-size:9pt;color:#555;font-style:italic}
            .lost{color:#b00;font-weight:bold;font-size:9.5pt}
            .arrow{font-family:"DejaVu Sans Mono",monospace;font-size:10pt}
            .why{font-size:8.5pt;color:#333;margin:.15em 0 0 0;padding:0;list-style:none}
            .key{break-before:page;page-break-before:always}
            @media print{body{margin:1cm}.noprint{display:none}}
            """;

    public static String worksheet(Quiz quiz, Locale locale, boolean key, String regrade) {
        StringBuilder b = new StringBuilder(8192);
        String lang = locale.getLanguage().equals("zh") ? "zh-CN" : "en";
        b.append("<!DOCTYPE html>\n<html lang=\"").append(lang).append("\">\n<head>\n<meta charset=\"UTF-8\">\n<title>")
                .append(esc(Messages.format(locale, "quiz.sheet.title", quiz.title(locale)))).append("</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<h1>").append(esc(Messages.format(locale, "quiz.sheet.title", quiz.title(locale)))).append("</h1>\n");
        b.append("<p class=\"meta\">").append(esc(QuizText.header(quiz, locale)));
        if (regrade != null) b.append("<br>").append(esc(Messages.format(locale, "quiz.sheet.regrade", regrade)));
        b.append("<br>").append(esc(Messages.format(locale, "quiz.sheet.howto." + quiz.level().id))).append("</p>\n");
        b.append("<p class=\"meta\">").append(esc(Messages.format(locale, "quiz.html.name"))).append(" <span class=\"blank w\"></span></p>\n");
        ladder(b, quiz, locale, false);
        if (key) {
            b.append("<section class=\"key\">\n<h2>").append(esc(Messages.format(locale, "quiz.html.key"))).append("</h2>\n");
            ladder(b, quiz, locale, true);
            b.append("</section>\n");
        }
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static void ladder(StringBuilder b, Quiz quiz, Locale locale, boolean key) {
        String client = esc(Messages.format(locale, "quiz.html.client")), server = esc(Messages.format(locale, "quiz.html.server"));
        b.append("<table class=\"ladder").append(key ? " keyladder" : " sheet").append("\">\n<tr><th>#</th><th>")
                .append(esc(Messages.format(locale, "quiz.html.time"))).append("</th><th>").append(client).append("</th><th>")
                .append(esc(Messages.format(locale, "quiz.html.segment"))).append("</th><th>").append(server).append("</th></tr>\n");
        b.append("<tr class=\"start\"><td></td><td></td><td class=\"life\">").append(quiz.stateText(quiz.initialState(Side.CLIENT)))
                .append("</td><td class=\"lbl\">").append(esc(Messages.format(locale, "quiz.html.start")))
                .append("</td><td class=\"life\">").append(quiz.stateText(quiz.initialState(Side.SERVER))).append("</td></tr>\n");
        boolean full = quiz.fields().contains(Field.SEQ);
        for (Question q : quiz.questions()) {
            if (!q.context().isEmpty()) {
                StringBuilder ctx = new StringBuilder();
                for (Question.Call c : q.context()) {
                    if (!ctx.isEmpty()) ctx.append(" · ");
                    ctx.append(Messages.format(locale, "tcp.txt.call", Messages.format(locale, "tcp.txt." + c.side().id()),
                            c.call().name() + (c.bytes() > 0 ? " " + c.bytes() : "")));
                }
                b.append("<tr class=\"ctxrow\"><td></td><td></td><td class=\"life\"></td><td class=\"ctx\">").append(esc(ctx.toString()))
                        .append("</td><td class=\"life\"></td></tr>\n");
            }
            b.append("<tr class=\"q\" data-n=\"").append(q.n()).append("\"><td class=\"n\">").append(q.n())
                    .append("</td><td class=\"t\">").append(esc(Quiz.time(locale, q.segment().sent(), quiz.capture()))).append("</td>");
            if (key) {
                b.append("<td class=\"life\">").append(quiz.stateText(q.state(Side.CLIENT))).append("</td><td><span class=\"arrow\">")
                        .append(esc(Messages.format(locale, q.from() == Side.CLIENT ? "tcp.txt.arrow.toServer" : "tcp.txt.arrow.toClient")))
                        .append("</span> <b>").append(esc(q.flags().toString())).append("</b>");
                if (full) {
                    b.append(" seq=").append(q.seq()).append(" ack=").append(esc(Grader.show(Field.ACK, q.ack(), locale)))
                            .append(" len=").append(q.len());
                }
                if (q.lost()) b.append(" <span class=\"lost\">✗ ").append(esc(Messages.format(locale, "tcp.txt.lost"))).append("</span>");
                b.append("<ul class=\"why\">");
                for (Field f : quiz.fields()) {
                    if (f == Field.STATE_SERVER) continue; // one line for both states
                    String why = Why.why(quiz, q, f, locale);
                    if (f == Field.STATE_CLIENT) why += " " + Why.why(quiz, q, Field.STATE_SERVER, locale);
                    b.append("<li>").append(esc(why)).append("</li>");
                }
                b.append("</ul></td><td class=\"life\">").append(quiz.stateText(q.state(Side.SERVER))).append("</td>");
            } else {
                b.append("<td class=\"life\"><span class=\"blank\"></span></td><td>")
                        .append("<span class=\"lbl\">").append(esc(Messages.format(locale, "quiz.html.from"))).append("</span> ☐ ")
                        .append(esc(Messages.format(locale, "tcp.txt.arrow.toServer"))).append(" &nbsp; ☐ ")
                        .append(esc(Messages.format(locale, "tcp.txt.arrow.toClient")));
                if (q.lost()) b.append(" <span class=\"lost\">✗ ").append(esc(Messages.format(locale, "quiz.html.lost"))).append("</span>");
                b.append("<br><span class=\"lbl\">").append(esc(Messages.format(locale, "quiz.field.flags"))).append("</span><span class=\"blank\"></span>");
                if (full) {
                    b.append("<span class=\"lbl\">seq</span><span class=\"blank w\"></span><span class=\"lbl\">ack</span><span class=\"blank w\"></span>")
                            .append("<span class=\"lbl\">len</span><span class=\"blank s\"></span>");
                }
                b.append("</td><td class=\"life\"><span class=\"blank\"></span></td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
