package org.stacklab.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The labs of a StackLab tree: every {@code labs/<id>/lab.properties}, in folder-name order. */
public final class LabCatalog {
    private final Path root;

    public LabCatalog(Path root) { this.root = root; }

    /** The repository root: {@code -Dstacklab.root} (set by ./stacklab), else the working directory. */
    public static Path defaultRoot() {
        String r = System.getProperty("stacklab.root");
        return Path.of(r != null ? r : "").toAbsolutePath().normalize();
    }

    public Path root() { return root; }

    public List<Lab> all() {
        Path labs = root.resolve("labs");
        List<Lab> out = new ArrayList<>();
        if (!Files.isDirectory(labs)) return out;
        try (Stream<Path> s = Files.list(labs)) {
            for (Path d : s.sorted().toList()) {
                if (Files.isRegularFile(d.resolve(Lab.DESCRIPTOR))) out.add(Lab.load(d));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** {@code all}, or the lab with this id (or folder name); an unknown id names the known ones. */
    public List<Lab> select(String id) {
        List<Lab> all = all();
        if ("all".equals(id)) return all;
        for (Lab l : all) {
            if (l.id().equals(id) || l.dir().getFileName().toString().equals(id)) return List.of(l);
        }
        throw new IllegalArgumentException("no lab '" + id + "' under " + root.resolve("labs")
                + (all.isEmpty() ? " (there are no labs yet)"
                   : "; the labs are: " + String.join(", ", all.stream().map(Lab::id).toList())));
    }
}
