package io.github.handshakelab.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Writing {@code --out FILE}: every failure says what could not be written and why, in one line
 * (the JDK's own messages are bare: ": Is a directory", or only the path), and the input file is
 * never overwritten.
 */
final class OutFile {

    /** Writes the content of one output file. */
    @FunctionalInterface
    interface Content {
        void write(java.io.OutputStream out) throws IOException;
    }

    private OutFile() {}

    /** Refuses {@code --out} naming the input file itself (the same file, whatever the path: links, "./", ".."). */
    static void refuseInput(Path out, Path input, String inputOption) {
        if (out == null || input == null || !Files.exists(out)) return;
        try {
            if (Files.isSameFile(out, input)) {
                throw new Cli.UsageException("--out " + out + " is the input file of " + inputOption
                        + "; refusing to overwrite it (choose another output file)");
            }
        } catch (IOException e) {
            // Not comparable (e.g. unreadable): the write itself will say what is wrong.
        }
    }

    /** Checks what can be checked before any work: an existing directory, a missing parent directory. */
    static void check(Path out) throws IOException {
        if (Files.isDirectory(out)) throw failure(out, "is a directory");
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.exists(parent)) throw failure(out, "directory does not exist");
        if (parent != null && !Files.isDirectory(parent)) throw failure(out, parent + " is not a directory");
    }

    static void write(Path out, Content content) throws IOException {
        check(out);
        try (java.io.OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            content.write(o);
        } catch (AccessDeniedException e) {
            throw failure(out, "permission denied");
        } catch (NoSuchFileException e) {
            throw failure(out, "directory does not exist");
        } catch (FileSystemException e) {
            throw failure(out, e.getReason() != null ? e.getReason() : e.toString());
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("cannot write ")) throw e;
            throw failure(out, e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    static IOException failure(Path out, String why) {
        return new IOException("cannot write " + out + ": " + why);
    }
}
