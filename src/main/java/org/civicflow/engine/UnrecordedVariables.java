package org.civicflow.engine;

import java.util.Set;

/**
 * Variables of one process that are kept for its forms, its task list and its own steps only, and are not written to
 * Camunda's variable history ({@code ACT_HI_VARINST}; {@link HistoryWriting}). They must be derived from what is
 * recorded elsewhere (a code kept as a variable, the case record, the case timeline): display labels of codes, the
 * choices a form offers, which timer fired. A process declares them as a bean of this type.
 *
 * @param processDefinitionKey the process they belong to (another process may use the same names for its own facts)
 * @param names                the variables' names
 */
public record UnrecordedVariables(String processDefinitionKey, Set<String> names) {

    public UnrecordedVariables {
        names = Set.copyOf(names);
    }

    boolean covers(String processKey, String variableName) {
        return processDefinitionKey.equals(processKey) && names.contains(variableName);
    }
}
