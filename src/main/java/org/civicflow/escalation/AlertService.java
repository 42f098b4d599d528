package org.civicflow.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.civicflow.cases.CaseService;
import org.civicflow.escalation.cap.CapAlert;
import org.civicflow.escalation.cap.CapInfo;
import org.civicflow.escalation.cap.CapParser;
import org.civicflow.escalation.cap.CapReference;
import org.civicflow.escalation.cap.CapValidationException;
import org.civicflow.escalation.cap.CapWarnings;
import org.civicflow.escalation.incident.IncidentRecord;
import org.civicflow.escalation.incident.IncidentRepository;
import org.civicflow.escalation.live.CapAreaResolver;
import org.civicflow.escalation.live.LiveEscalation;
import org.civicflow.escalation.live.WarningRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receives warnings: official CAP 1.2 alerts (the meteorological service, other agencies) and signals derived from
 * rainfall readings. Every alert is stored with the warnings it puts in force per division; an Update supersedes and a
 * Cancel withdraws the warnings of the alerts it references. Only {@code Actual} alerts change live cases: where a
 * warning becomes active or more severe, every open case there is re-evaluated and escalated. Expired warnings stop
 * applying by themselves; neither a cancel nor an expiry ever lowers a case or a running incident.
 */
@Service
public class AlertService {

    /** Senders' identifiers for signals derived here from readings (not an official alert). */
    public static final String DERIVED_SENDER = "civicflow.readings";
    /** A derived signal applies for 6 hours unless renewed by new readings (our policy). */
    public static final Duration DERIVED_SIGNAL_VALIDITY = Duration.ofHours(6);

    private static final Logger log = LoggerFactory.getLogger(AlertService.class);

    private final CapParser parser;
    private final CapAreaResolver areas;
    private final WarningRepository store;
    private final IncidentRepository incidents;
    private final LiveEscalation live;
    private final EscalationService escalation;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AlertService(CapParser parser, CapAreaResolver areas, WarningRepository store, IncidentRepository incidents,
                 LiveEscalation live, EscalationService escalation, PlatformTransactionManager transactions, Clock clock) {
        this.parser = parser;
        this.areas = areas;
        this.store = store;
        this.incidents = incidents;
        this.live = live;
        this.escalation = escalation;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The warnings of real alerts in force at {@code at}: onset reached, not expired, superseded or cancelled. */
    public List<ActiveWarning> warningsInForce(Instant at) {
        return store.liveWarnings(at).stream().filter(w -> w.isActiveAt(at)).toList();
    }

    /**
     * Receives a CAP 1.2 alert.
     *
     * @throws CapValidationException when the XML is hostile, not well-formed or not valid CAP 1.2; nothing is stored
     */
    public AlertResult receive(byte[] capXml) {
        return apply(parser.parse(capXml));
    }

    /**
     * Receives rainfall readings: the rainstorm rules derive the signal per division, and each signal is put in force
     * like an official Actual alert from {@value #DERIVED_SENDER}, valid for {@link #DERIVED_SIGNAL_VALIDITY}.
     */
    public List<AlertResult> receiveRainfall(Collection<RainfallReading> readings) {
        Instant at = clock.instant();
        List<AlertResult> results = new ArrayList<>();
        for (WarningSignal signal : escalation.deriveRainstormSignals(readings).decision()) {
            String identifier = "derived-" + signal.kind().name().toLowerCase() + "-" + signal.divisionCode() + "-"
                    + DateTimeFormatter.ofPattern("yyyyMMddHHmmss").format(at.atOffset(ZoneOffset.UTC)) + "-" + signal.colour().name();
            ActiveWarning warning = signal.toActiveWarning(identifier, at, at.plus(DERIVED_SIGNAL_VALIDITY));
            CapAlert derived = new CapAlert(identifier, DERIVED_SENDER, at.atOffset(ZoneOffset.UTC), CapAlert.Status.ACTUAL,
                    CapAlert.MsgType.ALERT, CapAlert.Scope.PRIVATE, String.join("; ", signal.reasons()), null, List.of(),
                    List.of(new CapInfo("zh-CN", List.of(CapInfo.Category.MET), signal.kind().chineseName()
                            + signal.colour().chineseName() + "信号 (derived)", null, null, null, null, null, null,
                            DERIVED_SENDER, null, String.join("; ", signal.reasons()), null, List.of(), List.of(), List.of())));
            results.add(apply(derived, List.of(warning)));
        }
        return results;
    }

    private AlertResult apply(CapAlert alert) {
        return apply(alert, CapWarnings.activeWarnings(alert, areas::divisionsOf));
    }

    private AlertResult apply(CapAlert alert, List<ActiveWarning> warnings) {
        var earlier = store.findAlert(alert.sender(), alert.identifier());
        if (earlier.isPresent()) {
            var a = earlier.get();
            return new AlertResult(alert.identifier(), alert.sender(), alert.status().code(), alert.msgType().code(),
                    AlertResult.Outcome.DUPLICATE, List.of(), List.of(), store.warningsOf(a.id()), 0,
                    0, 0, 0, 0, List.of());
        }
        Instant at = clock.instant();
        boolean actual = alert.changesLiveCases();
        Stored stored = transaction.execute(status -> store(alert, warnings, actual, at));

        if (!actual) {
            store.finishAlert(stored.alertId(), AlertResult.Outcome.RECORDED_NOT_ACTUAL.name(), 0, 0);
            log.info("{} alert {} recorded; it changes no live case", alert.status().code(), alert.identifier());
            return result(alert, AlertResult.Outcome.RECORDED_NOT_ACTUAL, stored, List.of(), null, List.of());
        }
        if (alert.msgType() == CapAlert.MsgType.CANCEL) {
            List<String> continuing = new ArrayList<>();
            stored.endedDistricts().forEach(d -> incidents.activeIncidentsIn(d).stream()
                    .map(IncidentRecord::incidentId).forEach(continuing::add));
            store.finishAlert(stored.alertId(), AlertResult.Outcome.CANCELLED.name(), 0, 0);
            log.info("Alert {} cancelled {} warnings; {} running incidents continue until their leads decide",
                    alert.identifier(), stored.ended().size(), continuing.size());
            return result(alert, AlertResult.Outcome.CANCELLED, stored, List.of(), null, continuing);
        }
        List<String> upgraded = upgradedDivisions(warnings, stored.before(), at);
        LiveEscalation.Reevaluation counts = upgraded.isEmpty() ? new LiveEscalation.Reevaluation(0, 0, 0, 0, 0)
                : live.reevaluate(upgraded, "alert " + alert.identifier());
        store.finishAlert(stored.alertId(), AlertResult.Outcome.APPLIED.name(), counts.reevaluated(), counts.escalated());
        return result(alert, AlertResult.Outcome.APPLIED, stored, upgraded, counts, List.of());
    }

    private record Stored(long alertId, List<ActiveWarning> before, List<ActiveWarning> ended, Set<String> endedDistricts) {
    }

    private Stored store(CapAlert alert, List<ActiveWarning> warnings, boolean actual, Instant at) {
        List<ActiveWarning> before = store.liveWarnings(at).stream().filter(w -> w.isActiveAt(at)).toList();
        OffsetDateTime received = OffsetDateTime.now(clock.withZone(CaseService.ZONE)).truncatedTo(ChronoUnit.MICROS);
        long id = store.insertAlert(alert, received);
        List<ActiveWarning> ended = new ArrayList<>();
        if (actual && alert.msgType().refersToEarlierAlerts()) {
            String state = alert.msgType() == CapAlert.MsgType.CANCEL ? WarningRepository.CANCELLED : WarningRepository.SUPERSEDED;
            for (CapReference reference : alert.references()) {
                ended.addAll(store.endWarnings(reference.sender(), reference.identifier(), state, alert.identifier(), received));
            }
        }
        warnings.forEach(w -> store.insertWarning(id, actual, w));
        Set<String> endedDistricts = new LinkedHashSet<>();
        ended.forEach(w -> endedDistricts.add(w.divisionCode().substring(0, 6)));
        return new Stored(id, before, ended, endedDistricts);
    }

    /**
     * The divisions where a warning in force now is new or more severe than every warning of its kind in force over
     * that division before (including warnings for the whole city or the enclosing district).
     */
    private static List<String> upgradedDivisions(List<ActiveWarning> warnings, List<ActiveWarning> before, Instant at) {
        Set<String> upgraded = new LinkedHashSet<>();
        for (ActiveWarning w : warnings) {
            if (!w.isActiveAt(at)) {
                continue;
            }
            WarningColour previous = null;
            for (ActiveWarning b : before) {
                if (b.kind() == w.kind() && covers(b.divisionCode(), w.divisionCode())) {
                    previous = WarningColour.higher(previous, b.colour());
                }
            }
            if (previous == null || w.colour().compareTo(previous) > 0) {
                upgraded.add(w.divisionCode());
            }
        }
        return List.copyOf(upgraded);
    }

    /** A warning for {@code outer} applies in {@code inner}: the same division, the city, or the enclosing district. */
    private static boolean covers(String outer, String inner) {
        return outer.equals(inner) || "500000".equals(outer) || inner.length() > outer.length() && inner.startsWith(outer);
    }

    private AlertResult result(CapAlert alert, AlertResult.Outcome outcome, Stored stored, List<String> upgraded,
                               LiveEscalation.Reevaluation counts, List<String> continuing) {
        List<ActiveWarning> inForce = store.warningsOf(stored.alertId());
        Set<String> affected = new LinkedHashSet<>();
        inForce.forEach(w -> affected.add(w.divisionCode()));
        stored.ended().forEach(w -> affected.add(w.divisionCode()));
        return new AlertResult(alert.identifier(), alert.sender(), alert.status().code(), alert.msgType().code(), outcome,
                List.copyOf(affected), upgraded, inForce, stored.ended().size(),
                counts == null ? 0 : counts.reevaluated(), counts == null ? 0 : counts.escalated(),
                counts == null ? 0 : counts.incidentsOpened(), counts == null ? 0 : counts.failed(), continuing);
    }
}
