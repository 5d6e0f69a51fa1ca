package com.countersign.base.db;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells the database who is writing and why, for the rest of the current transaction. The history
 * triggers read these settings; a write without them (psql, a script) is recorded with the
 * database role as actor.
 */
@Component
public class WriteContext {

    private final JdbcClient jdbc;

    WriteContext(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void begin(String reason) {
        jdbc.sql("""
                select set_config('countersign.actor', :actor, true),
                       set_config('countersign.reason', :reason, true)
                """)
                .param("actor", currentActor())
                .param("reason", reason == null ? "" : reason)
                .query()
                .singleRow();
    }

    /**
     * Writes of an approved change set: the guard counts them against its approved row count, and
     * history records the change set with the actor and reason given here.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void beginChangeSet(long changeSetId, String actor, String reason) {
        jdbc.sql("""
                select set_config('countersign.actor', :actor, true),
                       set_config('countersign.reason', :reason, true),
                       set_config('countersign.change_set', :changeSet, true)
                """)
                .param("actor", actor)
                .param("reason", reason == null ? "" : reason)
                .param("changeSet", Long.toString(changeSetId))
                .query()
                .singleRow();
    }

    public static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() ? "system" : auth.getName();
    }

    /** The signed-in person's roles without the {@code ROLE_} prefix (REVIEWER, MANAGER, ...); none for the system. */
    public static Set<String> currentRoles() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return Set.of();
        }
        return auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .collect(Collectors.toUnmodifiableSet());
    }
}
