package org.civicflow.engine;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A task completion refused by our server-side form rules (the task listeners check the same rules as the forms).
 * The engine wraps a listener's exception in its own, which the engine REST API answers with a 500; the message made
 * here is recognised in that wrapping and turned back into a 400 ({@link EngineRestRejections}).
 */
public final class TaskFormRejection {

    private static final String PREFIX = "Cannot complete '";

    private TaskFormRejection() {
    }

    /** The exception a task listener throws: the task's name and every problem found. */
    public static BadUserRequestException of(String taskName, List<String> problems) {
        return new BadUserRequestException(PREFIX + taskName + "': " + String.join("; ", problems));
    }

    /** The rejection inside an engine error message that wraps it ({@code … Message: '<rejection>'}), if any. */
    static Optional<String> foundIn(String message) {
        int at = message == null ? -1 : message.indexOf(PREFIX);
        if (at < 0) {
            return Optional.empty();
        }
        String rejection = message.substring(at);
        return Optional.of(at > 0 && rejection.endsWith("'") ? rejection.substring(0, rejection.length() - 1) : rejection);
    }
}
