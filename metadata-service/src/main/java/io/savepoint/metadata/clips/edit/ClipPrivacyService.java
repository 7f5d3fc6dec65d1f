package io.savepoint.metadata.clips.edit;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.savepoint.protocol.ApiException;

/**
 * Each user's privacy setting for the content they create (Xbox Live's ViewTargetUserCreatedContent), which decides
 * who sees their clips of visibility {@code Default}: {@code Everyone} (the default) or {@code OwnerOnly}.
 */
@ApplicationScoped
public class ClipPrivacyService {

    public enum CreatedContent {
        Everyone, OwnerOnly
    }

    private final EntityManager em;

    ClipPrivacyService(EntityManager em) {
        this.em = em;
    }

    public CreatedContent get(String ownerXuid) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> rows = em.createNativeQuery("SELECT created_content FROM clip_privacy WHERE owner_xuid = :owner")
                    .setParameter("owner", ownerXuid).getResultList();
            return rows.isEmpty() ? CreatedContent.Everyone : CreatedContent.valueOf(rows.get(0));
        });
    }

    public CreatedContent set(String ownerXuid, String value) {
        CreatedContent setting = parse(value);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO clip_privacy (owner_xuid, created_content, updated_at) VALUES (:owner, :setting, :now)
                ON CONFLICT (owner_xuid) DO UPDATE SET created_content = EXCLUDED.created_content, updated_at = EXCLUDED.updated_at""")
                .setParameter("owner", ownerXuid).setParameter("setting", setting.name()).setParameter("now", Instant.now())
                .executeUpdate());
        return setting;
    }

    private static CreatedContent parse(String value) {
        for (CreatedContent c : CreatedContent.values()) {
            if (c.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return c;
            }
        }
        throw ApiException.badRequest("createdContent must be 'Everyone' or 'OwnerOnly', got '" + value + "'.");
    }
}
