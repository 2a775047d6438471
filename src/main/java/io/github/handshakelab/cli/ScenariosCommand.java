package io.github.handshakelab.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.handshakelab.sim.Scenario;
import io.github.handshakelab.sim.Scenarios;
import io.github.handshakelab.text.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code scenarios [--format txt|json] [--lang en|zh]}: the built-in library with titles and summaries. */
@Command(name = "scenarios", description = "List the built-in simulation scenarios.")
public final class ScenariosCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--format", defaultValue = "txt", description = "txt or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--lang", defaultValue = "en", description = "en or zh (default: ${DEFAULT-VALUE})")
    String lang;

    @Override
    public Integer call() {
        Locale locale = RenderCommand.locale(lang);
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case "txt" -> {
                for (Scenario s : Scenarios.all()) {
                    // An em dash, not a colon: summaries may contain punctuation of their own.
                    out.printf("%-24s %s — %s%n", s.id(), Messages.get(locale, "scenario." + s.id() + ".title"),
                            Messages.get(locale, "scenario." + s.id() + ".summary"));
                }
            }
            case "json" -> out.print(json(locale));
            default -> throw new Cli.UsageException("unknown --format '" + format + "'; use txt or json");
        }
        out.flush();
        return 0;
    }

    private static String json(Locale locale) {
        try {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeNumberField("version", 1);
                g.writeArrayFieldStart("scenarios");
                for (Scenario s : Scenarios.all()) {
                    g.writeStartObject();
                    g.writeStringField("id", s.id());
                    g.writeStringField("title", Messages.get(locale, "scenario." + s.id() + ".title"));
                    g.writeStringField("summary", Messages.get(locale, "scenario." + s.id() + ".summary"));
                    g.writeStringField("lesson", Messages.get(locale, "scenario." + s.id() + ".lesson"));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            return w + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
