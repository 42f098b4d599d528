package org.civicflow.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.civicflow.escalation.AlertResult;
import org.civicflow.escalation.AlertService;
import org.civicflow.escalation.FireSituation;
import org.civicflow.escalation.IncidentReport;
import org.civicflow.escalation.IncidentResult;
import org.civicflow.escalation.IncidentService;
import org.civicflow.escalation.IncidentType;
import org.civicflow.escalation.InvalidIncidentException;
import org.civicflow.escalation.RainfallReading;
import org.civicflow.escalation.ResponseLevel;
import org.civicflow.intake.FieldProblem;
import org.civicflow.intake.InvalidSubmissionException;
import org.springframework.stereotype.Component;

/**
 * Connects {@code POST /api/v1/alerts} and {@code POST /api/v1/incidents} to the escalation feature: CAP alerts to
 * {@link AlertService}; incident reports (fire, flood, landslide, pipeline burst, heat emergency) to
 * {@link IncidentService}; rainfall readings to the rainstorm signal rules.
 */
@Component
class EscalationReceivers implements AlertReceiver, IncidentReceiver {

    static final String RAINFALL = "rainfall-reading";

    private final AlertService alerts;
    private final IncidentService incidents;

    EscalationReceivers(AlertService alerts, IncidentService incidents) {
        this.alerts = alerts;
        this.incidents = incidents;
    }

    @Override
    public AlertReceiver.Receipt receive(byte[] capXml) {
        return receipt(alerts.receive(capXml));
    }

    @Override
    public IncidentReceiver.Receipt receive(Map<String, Object> report) {
        String type = text(report, "type");
        if (RAINFALL.equals(type)) {
            return rainfall(report);
        }
        List<FieldProblem> problems = new ArrayList<>();
        Optional<IncidentType> incidentType = IncidentType.fromCode(type);
        if (incidentType.isEmpty()) {
            problems.add(new FieldProblem("type", "one of fire, flood, landslide, pipeline-burst, heat-emergency, "
                    + RAINFALL));
        }
        String division = text(report, "divisionCode");
        if (division == null || !division.matches("\\d{6}|\\d{9}")) {
            problems.add(new FieldProblem("divisionCode", "a 6-digit district or 9-digit subdistrict code"));
        }
        ResponseLevel level = null;
        if (text(report, "reportedLevel") != null) {
            try {
                level = ResponseLevel.valueOf(text(report, "reportedLevel"));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("reportedLevel", "IV, III, II or I"));
            }
        }
        FireSituation fire = null;
        if (incidentType.orElse(null) == IncidentType.FIRE) {
            try {
                fire = new FireSituation(count(report, "deaths"), count(report, "seriousInjuries"),
                        number(report, "directLossCny"), flag(report, "peopleTrapped"), count(report, "floors"),
                        flag(report, "hazardousMaterials"), flag(report, "crowdedPlace"));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("fire", e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSubmissionException(problems);
        }
        try {
            IncidentResult result = incidents.report(new IncidentReport(incidentType.orElseThrow(), division,
                    text(report, "description"), Optional.ofNullable(text(report, "source")).orElse("api"), level, fire));
            return new IncidentReceiver.Receipt(result.incidentId(),
                    result.responseLevel() == null ? null : result.responseLevel().name(),
                    List.of("incident " + result.incidentId() + " led by " + result.leadGroup()), result.linkedCases());
        } catch (InvalidIncidentException e) {
            throw new InvalidSubmissionException(e.getErrors().stream()
                    .map(error -> new FieldProblem(error.field(), error.message())).toList());
        }
    }

    private IncidentReceiver.Receipt rainfall(Map<String, Object> report) {
        String station = text(report, "stationId");
        String division = text(report, "divisionCode");
        List<FieldProblem> problems = new ArrayList<>();
        if (station == null) {
            problems.add(new FieldProblem("stationId", "is required"));
        }
        if (division == null || !division.matches("\\d{6}|\\d{9}")) {
            problems.add(new FieldProblem("divisionCode", "a 6-digit district or 9-digit subdistrict code"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidSubmissionException(problems);
        }
        Instant observed = text(report, "observedAt") == null ? Instant.now() : Instant.parse(text(report, "observedAt"));
        List<AlertResult> results = alerts.receiveRainfall(List.of(new RainfallReading(station, division, observed,
                decimal(report, "mm3h"), decimal(report, "mm6h"), decimal(report, "mm12h"))));
        List<String> decisions = results.stream()
                .map(r -> "warning " + r.alertId() + ": " + r.reevaluated() + " cases re-evaluated, " + r.escalated()
                        + " escalated")
                .toList();
        return new IncidentReceiver.Receipt(null, null, decisions.isEmpty() ? List.of("no warning signal") : decisions,
                List.of());
    }

    private static AlertReceiver.Receipt receipt(AlertResult r) {
        return new AlertReceiver.Receipt(r.alertId(), r.alertId(), r.affectedDivisions(), r.reevaluated(), r.escalated(),
                "Actual".equalsIgnoreCase(r.status()));
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static int count(Map<String, Object> map, String key) {
        return (int) number(map, key);
    }

    private static long number(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return 0;
        }
        try {
            return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number");
        }
    }

    private static double decimal(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return 0;
        }
        try {
            return value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new InvalidSubmissionException(List.of(new FieldProblem(key, "must be a number of millimetres")));
        }
    }

    private static boolean flag(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof Boolean b ? b : value != null && "true".equalsIgnoreCase(value.toString());
    }
}
