package dev.chorus.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** util-linux {@code setsid}: runs a command in a new session, so terminal signals do not reach it. */
final class Setsid {

    private static final Path PATH = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);

    private Setsid() {}

    static boolean available() {
        return PATH != null;
    }

    static String path() {
        return PATH.toString();
    }
}
