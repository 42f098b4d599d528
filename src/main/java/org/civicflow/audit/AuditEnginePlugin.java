package org.civicflow.audit;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Adds {@link EngineOperationAuditor} to the engine's history event handlers, next to the handler that keeps
 * writing Camunda's history tables (engine/HistoryWriting) (the Camunda Spring Boot starter applies every {@code ProcessEnginePlugin} bean).
 * Also makes the engine log user operations for every authenticated call (the default already does) and keep them.
 */
@Component
class AuditEnginePlugin extends AbstractProcessEnginePlugin {

    /** Looked up on first use: the trail is an ordinary bean, the plugin is needed while the engine is being built. */
    private final ObjectProvider<AuditTrail> trail;

    AuditEnginePlugin(ObjectProvider<AuditTrail> trail) {
        this.trail = trail;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        // resolved once: a provider's getObject() resolves the dependency again on every call, and the handler sees
        // every history event of every command
        handlers.add(new EngineOperationAuditor(SingletonSupplier.of(trail::getObject)));
        configuration.setCustomHistoryEventHandlers(handlers);
        configuration.setRestrictUserOperationLogToAuthenticatedUsers(true);
    }
}
