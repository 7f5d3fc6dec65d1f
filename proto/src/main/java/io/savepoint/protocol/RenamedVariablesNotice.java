package io.savepoint.protocol;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Logs at startup each old environment variable that is set, naming its new name ({@link RenamedVariables}). */
@Singleton
class RenamedVariablesNotice {

    private static final Logger LOG = Logger.getLogger(RenamedVariables.class);

    void onStart(@Observes StartupEvent event) {
        RenamedVariables.warnings(System.getenv()).forEach(LOG::warn);
    }
}
