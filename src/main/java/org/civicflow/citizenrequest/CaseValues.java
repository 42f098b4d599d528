package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.util.function.Function;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.sla.SlaClass;

/**
 * A citizen request's values by their variable names, as the mails read them: the process's variables, and from the
 * case record (read once, when first asked for) what the citizen submitted, the case number and the SLA class.
 * Instances started before the submission was kept only in the case record still have it as variables, which come
 * first.
 */
final class CaseValues implements Function<String, Object> {

    private final Function<String, Object> variables;
    private final String businessKey;
    private final CaseService cases;
    private CaseRecord record;

    private CaseValues(Function<String, Object> variables, String businessKey, CaseService cases) {
        this.variables = variables;
        this.businessKey = businessKey;
        this.cases = cases;
    }

    /** The values of the case whose process {@code scope} belongs to. */
    static CaseValues of(VariableScope scope, String businessKey, CaseService cases) {
        return new CaseValues(scope::getVariable, businessKey, cases);
    }

    /** The values of a case from variables read elsewhere (a query) and its record. */
    static CaseValues of(Function<String, Object> variables, CaseRecord record) {
        CaseValues values = new CaseValues(variables, record.businessKey(), null);
        values.record = record;
        return values;
    }

    @Override
    public Object apply(String name) {
        Object value = variables.apply(name);
        if (value != null) {
            return value;
        }
        return switch (name) {
            case Vars.CASE_NUMBER -> businessKey;
            case Vars.SLA_CLASS_LABEL -> record().slaClass() == null ? null : SlaLabels.of(SlaClass.fromCode(record().slaClass()));
            case Vars.DESCRIPTION -> record().description();
            case Vars.ADDRESS -> record().address();
            case Vars.CHANNEL -> record().channel();
            case Vars.REPORTER_NAME -> record().reporter().name();
            case Vars.REPORTER_PHONE -> record().reporter().phone();
            case Vars.REPORTER_EMAIL -> record().reporter().email();
            default -> null;
        };
    }

    /** The reporter's mail address, or null. */
    String reporterEmail() {
        return (String) apply(Vars.REPORTER_EMAIL);
    }

    private CaseRecord record() {
        if (record == null) {
            record = cases.find(businessKey).orElseThrow(() -> new IllegalStateException("No case " + businessKey));
        }
        return record;
    }
}
