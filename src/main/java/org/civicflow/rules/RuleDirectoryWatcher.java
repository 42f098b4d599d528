package org.civicflow.rules;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Watches the external rule directory ({@code civicflow.rules.dir}) and its area folders, and reloads the rule base
 * when DRL files change. Changes arriving together (an editor writing a file in steps, a copy of several files) are
 * gathered for {@value #QUIET_MILLIS} ms so they become one reload. Does nothing when no directory is configured.
 */
@Component
public class RuleDirectoryWatcher implements SmartLifecycle {

    static final long QUIET_MILLIS = 200;
    private static final Logger log = LoggerFactory.getLogger(RuleDirectoryWatcher.class);

    private final RuleBase rules;
    private volatile WatchService watcher;
    private volatile Thread thread;

    public RuleDirectoryWatcher(RuleBase rules) {
        this.rules = rules;
    }

    @Override
    public synchronized void start() {
        if (thread != null || rules.externalDirectory().isEmpty()) {
            return;
        }
        Path directory = rules.externalDirectory().get();
        try {
            Files.createDirectories(directory);
            watcher = directory.getFileSystem().newWatchService();
            registerTree(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot watch the rule directory " + directory, e);
        }
        thread = new Thread(this::watch, "rule-directory-watcher");
        thread.setDaemon(true);
        thread.start();
        log.info("Watching {} for rule changes", directory);
    }

    @Override
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        try {
            watcher.close();
        } catch (IOException e) {
            log.warn("Closing the rule directory watcher: {}", e.toString());
        }
        thread.interrupt();
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void watch() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = watcher.take();
                do {
                    handle(key);
                    key = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS);
                } while (key != null);
                RuleBase.Reload reload = rules.reload();
                if (!reload.refused().isEmpty()) {
                    log.error("Rule reload refused {}; the previous versions stay in force", reload.refused().keySet());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // stopped
        } catch (RuntimeException e) {
            log.error("The rule directory watcher stopped: {}", e.toString(), e);
        }
    }

    private void handle(WatchKey key) {
        Path parent = (Path) key.watchable();
        key.pollEvents().forEach(event -> {
            if (event.kind() == ENTRY_CREATE && event.context() instanceof Path child && Files.isDirectory(parent.resolve(child))) {
                try {
                    registerTree(parent.resolve(child)); // a new area folder
                } catch (IOException e) {
                    log.warn("Cannot watch {}: {}", parent.resolve(child), e.toString());
                }
            }
        });
        key.reset();
    }

    private void registerTree(Path root) throws IOException {
        try (Stream<Path> folders = Files.walk(root)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                folder.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            }
        }
    }
}
