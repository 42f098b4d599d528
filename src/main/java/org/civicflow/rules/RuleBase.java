package org.civicflow.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.kie.api.KieBase;
import org.kie.api.builder.Message;
import org.kie.api.builder.Results;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.internal.utils.KieHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The compiled rule base: one KieBase per decision area (the first folder under {@code rules/}, e.g.
 * {@code rules/routing/*.drl} is the area {@code routing}).
 *
 * <p>Built once at start-up; any DRL error fails the start so a broken rule never reaches a live case.
 * Each evaluation runs in a fresh stateless session and reports which rules fired and the version (a
 * SHA-256 over the area's DRL sources) so the audit trail can say exactly which knowledge decided; each evaluation is
 * also published as {@link RulesEvaluated} for the audit trail.
 */
@Component
public class RuleBase {

    private static final Logger log = LoggerFactory.getLogger(RuleBase.class);
    private static final String LOCATION = "classpath*:rules/**/*.drl";

    private final Map<String, CompiledArea> areas;
    private final ApplicationEventPublisher events;

    /** Without an application (rules tests): evaluations are not published. */
    public RuleBase() {
        this(event -> { });
    }

    @Autowired
    public RuleBase(ApplicationEventPublisher events) {
        this(new PathMatchingResourcePatternResolver(), events);
    }

    RuleBase(ResourcePatternResolver resolver, ApplicationEventPublisher events) {
        this.areas = compile(load(resolver));
        this.events = events;
    }

    /** Runs the area's rules over the facts; rules write their decisions into result facts among them. */
    public RuleOutcome evaluate(String area, Collection<?> facts) {
        CompiledArea compiled = areas.get(area);
        if (compiled == null) {
            throw new IllegalArgumentException("No rules for area '" + area + "'; known areas: " + areas.keySet());
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
        events.publishEvent(new RulesEvaluated(outcome, List.copyOf(facts)));
        return outcome;
    }

    public String version(String area) {
        CompiledArea compiled = areas.get(area);
        return compiled == null ? null : compiled.version();
    }

    public Set<String> areas() {
        return areas.keySet();
    }

    private static Map<String, Map<String, String>> load(ResourcePatternResolver resolver) {
        Map<String, Map<String, String>> sourcesByArea = new TreeMap<>();
        try {
            for (Resource resource : resolver.getResources(LOCATION)) {
                String name = relativeName(resource);
                String area = name.substring("rules/".length()).split("/")[0];
                if (area.endsWith(".drl")) {
                    area = area.substring(0, area.length() - ".drl".length());
                }
                try (InputStream in = resource.getInputStream()) {
                    sourcesByArea.computeIfAbsent(area, a -> new TreeMap<>())
                            .put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rule files under rules/", e);
        }
        return sourcesByArea;
    }

    private static Map<String, CompiledArea> compile(Map<String, Map<String, String>> sourcesByArea) {
        Map<String, CompiledArea> compiled = new TreeMap<>();
        sourcesByArea.forEach((area, sources) -> {
            KieHelper helper = new KieHelper();
            sources.forEach((name, drl) -> helper.addContent(drl, name.replace("rules/", "src/main/resources/rules/")));
            Results results = helper.verify();
            if (results.hasMessages(Message.Level.ERROR)) {
                throw new IllegalStateException("Rules of area '" + area + "' do not compile: " + results.getMessages(Message.Level.ERROR));
            }
            KieBase kieBase = helper.build();
            compiled.put(area, new CompiledArea(kieBase, versionOf(sources)));
            log.info("Rule area '{}' compiled from {} ({} rules)", area, sources.keySet(),
                    kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum());
        });
        return Map.copyOf(compiled);
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
}
