package org.civicflow.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.kie.api.KieBase;
import org.kie.api.builder.Message;
import org.kie.api.builder.Results;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.internal.utils.KieHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.stereotype.Component;

/**
 * The compiled rule base: one KieBase per decision area (the first folder under {@code rules/}, e.g.
 * {@code rules/routing/*.drl} is the area {@code routing}).
 *
 * <p>The packaged rules are built at start-up; any DRL error there fails the start so a broken rule never reaches a
 * live case. An optional external directory ({@code civicflow.rules.dir}, laid out like {@code rules/}: one folder per
 * area) adds DRL files or replaces packaged ones of the same name; {@link #reload()} (called by
 * {@link RuleDirectoryWatcher} when a file there changes) rebuilds the areas whose sources changed. An area whose new
 * sources do not compile keeps its previous KieBase, and the compiler's message is logged and returned.
 *
 * <p>Each evaluation runs in a fresh stateless session of the KieBase current at its start, and reports which rules
 * fired and the version (a SHA-256 over the area's DRL names and contents) so the audit trail can say exactly which
 * knowledge decided; each evaluation is also published as {@link RulesEvaluated} for the audit trail. Swapping a
 * KieBase is atomic; evaluations in flight finish on the one they started with.
 */
@Component
public class RuleBase implements ApplicationEventPublisherAware {

    private static final Logger log = LoggerFactory.getLogger(RuleBase.class);
    private static final String LOCATION = "classpath*:rules/**/*.drl";

    private final ResourcePatternResolver resolver;
    private final Path externalDirectory;
    private final AtomicReference<Map<String, CompiledArea>> areas = new AtomicReference<>(Map.of());
    private volatile ApplicationEventPublisher events;

    public RuleBase() {
        this(new PathMatchingResourcePatternResolver(), null);
    }

    @Autowired
    public RuleBase(@Value("${civicflow.rules.dir:}") String externalDirectory) {
        this(new PathMatchingResourcePatternResolver(),
                externalDirectory == null || externalDirectory.isBlank() ? null : Path.of(externalDirectory));
    }

    RuleBase(ResourcePatternResolver resolver) {
        this(resolver, null);
    }

    public RuleBase(ResourcePatternResolver resolver, Path externalDirectory) {
        this.resolver = resolver;
        this.externalDirectory = externalDirectory == null ? null : externalDirectory.toAbsolutePath().normalize();
        Map<String, CompiledArea> packaged = new TreeMap<>();
        loadPackaged().forEach((area, sources) -> packaged.put(area, compile(area, sources)
                .orElseThrow(error -> new IllegalStateException("Rules of area '" + area + "' do not compile: " + error))));
        areas.set(Map.copyOf(packaged));
        if (this.externalDirectory != null) {
            reload();
        }
    }

    /** Runs the area's rules over the facts; rules write their decisions into result facts among them. */
    public RuleOutcome evaluate(String area, Collection<?> facts) {
        return evaluate(area, facts, null);
    }

    /**
     * As {@link #evaluate(String, Collection)}, for a decision about the case {@code businessKey}: the evaluation's
     * audit entry belongs to that case's trail, also when it runs outside the case's process.
     */
    public RuleOutcome evaluate(String area, Collection<?> facts, String businessKey) {
        CompiledArea compiled = areas.get().get(area);
        if (compiled == null) {
            throw new IllegalArgumentException("No rules for area '" + area + "'; known areas: " + areas.get().keySet());
        }
        StatelessKieSession session = compiled.kieBase().newStatelessKieSession();
        List<String> fired = new ArrayList<>();
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                fired.add(event.getMatch().getRule().getName());
            }
        });
        session.execute(facts);
        RuleOutcome outcome = new RuleOutcome(area, compiled.version(), List.copyOf(fired));
        ApplicationEventPublisher publisher = events;
        if (publisher != null) {
            publisher.publishEvent(new RulesEvaluated(outcome, List.copyOf(facts), businessKey)); // for the audit trail
        }
        return outcome;
    }

    /** Set by Spring; rule bases built by hand (unit tests) evaluate without publishing. */
    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
        this.events = publisher;
    }

    public String version(String area) {
        CompiledArea compiled = areas.get().get(area);
        return compiled == null ? null : compiled.version();
    }

    public Set<String> areas() {
        return areas.get().keySet();
    }

    /** The watched directory of DRL files, when {@code civicflow.rules.dir} is set. */
    public Optional<Path> externalDirectory() {
        return Optional.ofNullable(externalDirectory);
    }

    /** What a reload did: the version now in force per area, and the areas refused with the compiler's message. */
    public record Reload(Map<String, String> versions, Map<String, String> refused) {
        public Reload {
            versions = Map.copyOf(versions);
            refused = Map.copyOf(refused);
        }
    }

    /**
     * Reads the packaged and external DRL files again and rebuilds every area whose sources changed. An area that does
     * not compile keeps the KieBase it had (none, for a new area) and is reported with the compiler's message.
     */
    public synchronized Reload reload() {
        Map<String, Map<String, String>> sources = loadPackaged();
        loadExternal().forEach((area, files) -> sources.computeIfAbsent(area, a -> new TreeMap<>()).putAll(files));
        Map<String, CompiledArea> current = areas.get();
        Map<String, CompiledArea> next = new TreeMap<>();
        Map<String, String> refused = new TreeMap<>();
        sources.forEach((area, files) -> {
            CompiledArea previous = current.get(area);
            if (previous != null && previous.version().equals(versionOf(files))) {
                next.put(area, previous);
                return;
            }
            compile(area, files).ifPresentOrElse(compiled -> {
                next.put(area, compiled);
                log.info("Rule area '{}' reloaded: version {} → {}", area, previous == null ? "none" : previous.version(),
                        compiled.version());
            }, error -> {
                refused.put(area, error);
                if (previous != null) {
                    next.put(area, previous);
                }
                log.error("Rule area '{}' refused, version {} stays in force: {}", area,
                        previous == null ? "none" : previous.version(), error);
            });
        });
        areas.set(Map.copyOf(next));
        Map<String, String> versions = new TreeMap<>();
        next.forEach((area, compiled) -> versions.put(area, compiled.version()));
        return new Reload(versions, refused);
    }

    private Map<String, Map<String, String>> loadPackaged() {
        Map<String, Map<String, String>> sourcesByArea = new TreeMap<>();
        try {
            for (Resource resource : resolver.getResources(LOCATION)) {
                String name = relativeName(resource);
                try (InputStream in = resource.getInputStream()) {
                    sourcesByArea.computeIfAbsent(areaOf(name), a -> new TreeMap<>())
                            .put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rule files under rules/", e);
        }
        return sourcesByArea;
    }

    /** The external DRL files, named like the packaged ones ({@code rules/<area>/<file>.drl}) so they can replace them. */
    private Map<String, Map<String, String>> loadExternal() {
        Map<String, Map<String, String>> sourcesByArea = new TreeMap<>();
        if (externalDirectory == null || !Files.isDirectory(externalDirectory)) {
            return sourcesByArea;
        }
        try (Stream<Path> files = Files.walk(externalDirectory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl") && Files.isRegularFile(f)).sorted().toList()) {
                String name = "rules/" + externalDirectory.relativize(file).toString().replace('\\', '/');
                sourcesByArea.computeIfAbsent(areaOf(name), a -> new TreeMap<>())
                        .put(name, Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            log.error("Cannot read the rule directory {}; the rules in force stay: {}", externalDirectory, e.toString());
            return Map.of();
        }
        return sourcesByArea;
    }

    private static String areaOf(String name) {
        String area = name.substring("rules/".length()).split("/")[0];
        return area.endsWith(".drl") ? area.substring(0, area.length() - ".drl".length()) : area;
    }

    /** The compiled area, or the compiler's error messages. */
    private static Either compile(String area, Map<String, String> sources) {
        KieHelper helper = new KieHelper();
        sources.forEach((name, drl) -> helper.addContent(drl, name.replace("rules/", "src/main/resources/rules/")));
        Results results = helper.verify();
        if (results.hasMessages(Message.Level.ERROR)) {
            return Either.error(results.getMessages(Message.Level.ERROR).toString());
        }
        KieBase kieBase = helper.build();
        log.info("Rule area '{}' compiled from {} ({} rules)", area, sources.keySet(),
                kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum());
        return Either.compiled(new CompiledArea(kieBase, versionOf(sources)));
    }

    private static String versionOf(Map<String, String> sources) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            sources.forEach((name, drl) -> {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(drl.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String relativeName(Resource resource) {
        try {
            String url = resource.getURL().toString();
            int at = url.lastIndexOf("/rules/");
            return url.substring(at + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record CompiledArea(KieBase kieBase, String version) {
    }

    private record Either(CompiledArea compiled, String error) {

        static Either compiled(CompiledArea area) {
            return new Either(area, null);
        }

        static Either error(String message) {
            return new Either(null, message);
        }

        CompiledArea orElseThrow(java.util.function.Function<String, RuntimeException> failure) {
            if (compiled == null) {
                throw failure.apply(error);
            }
            return compiled;
        }

        void ifPresentOrElse(java.util.function.Consumer<CompiledArea> ok, java.util.function.Consumer<String> failed) {
            if (compiled != null) {
                ok.accept(compiled);
            } else {
                failed.accept(error);
            }
        }
    }
}
