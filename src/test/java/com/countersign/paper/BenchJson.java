package com.countersign.paper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A flat JSON object of benchmark figures under target/bench/, merged with what an earlier run wrote. */
final class BenchJson {

    private BenchJson() {}

    static Path write(String file, Map<String, Object> figures) {
        Path path = Path.of("target", "bench", file);
        try {
            Files.createDirectories(path.getParent());
            Map<String, Object> all = new LinkedHashMap<>();
            if (Files.exists(path)) {
                String old = Files.readString(path).strip();
                if (old.length() > 2) {
                    all.put("\u0000raw", old.substring(1, old.length() - 1).strip());
                }
            }
            figures.forEach((k, v) -> all.put(k, v));
            String body = all.entrySet().stream()
                    .map(e -> e.getKey().equals("\u0000raw") ? "  " + e.getValue()
                            : "  \"" + e.getKey() + "\": " + value(e.getValue()))
                    .collect(Collectors.joining(",\n"));
            Files.writeString(path, "{\n" + body + "\n}\n");
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String value(Object v) {
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return "\"" + String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
