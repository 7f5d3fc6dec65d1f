package io.savepoint.metadata.clips.service;

import jakarta.persistence.EntityManager;

import org.hibernate.FlushMode;
import org.hibernate.Session;

/**
 * Turns the current transaction's session into a read-only one: entities it loads from now on keep no snapshot, and
 * nothing is flushed or dirty-checked at commit. Only for transactions that start at a pure read (GET one clip, a list
 * page); never call it inside a transaction that also writes.
 */
final class ReadOnlyReads {

    private ReadOnlyReads() {
    }

    static void begin(EntityManager em) {
        Session session = em.unwrap(Session.class);
        session.setDefaultReadOnly(true);
        session.setHibernateFlushMode(FlushMode.MANUAL);
    }
}
