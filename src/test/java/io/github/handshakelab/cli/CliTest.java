package io.github.handshakelab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void aMistypedCommandSuggestsTheRightOneInOneLine() {
        Result r = run("scenario");
        assertEquals(2, r.code());
        assertEquals("error: unknown command or file 'scenario'; did you mean 'scenarios'? "
                + "(commands: scenarios, render, conversations, quiz, help)\n", r.err());
    }

    @Test
    void everyCommandHasHelpEvenWithRequiredOptions() {
        for (String[] args : new String[][]{{"render", "--help"}, {"help", "render"}, {"scenarios", "-h"},
                {"conversations", "--help"}}) {
            Result r = run(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: handshake-lab " + (args[0].equals("help") ? args[1] : args[0])), r.out());
        }
    }

    @Test
    void aBadOptionPointsToHelp() {
        Result r = run("render", "--scenario", "lost-syn", "--format", "txt", "--nope");
        assertEquals(2, r.code());
        assertEquals("error: Unknown option: '--nope' (see 'handshake-lab render --help')\n", r.err());
    }

    @Test
    void onlyNoArgumentsOrAnExistingFileOpenTheWindow(@TempDir Path dir) throws Exception {
        Path capture = Files.write(dir.resolve("c.pcap"), new byte[]{1});
        assertTrue(Cli.opensWindow(new String[0]));
        assertTrue(Cli.opensWindow(new String[]{capture.toString()}));
        assertFalse(Cli.opensWindow(new String[]{dir.resolve("missing.pcap").toString()}));
        assertFalse(Cli.opensWindow(new String[]{"scenario"}));
        assertFalse(Cli.opensWindow(new String[]{"--help"}));
        assertFalse(Cli.opensWindow(new String[]{capture.toString(), "extra"}));
    }
}
