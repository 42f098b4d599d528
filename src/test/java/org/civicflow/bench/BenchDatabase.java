package org.civicflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** The benchmarks' H2 file database: application.yml's default URL with all its options, only the file moved. */
final class BenchDatabase {

    private static final String DEFAULT_FILE = "jdbc:h2:file:./data/civicflow";

    private BenchDatabase() {
    }

    static String url(Path directory) {
        try {
            Object url = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                    .get(0).getProperty("spring.datasource.url");
            if (url == null || !url.toString().startsWith(DEFAULT_FILE)) {
                throw new IllegalStateException("application.yml's default URL no longer starts with " + DEFAULT_FILE);
            }
            return "jdbc:h2:file:./" + directory + "/civicflow" + url.toString().substring(DEFAULT_FILE.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
