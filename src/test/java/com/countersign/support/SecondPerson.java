package com.countersign.support;

import com.countersign.security.PrivilegeRequest;
import com.countersign.security.PrivilegeRequests;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The second person that privilege changes need (changeset 027), for tests that are about something
 * else: a long-standing second ADMIN, {@value #ADMIN2}, made directly as the owner (like the demo
 * users, it never went through a request), who approves what the test asked.
 */
@Component
public class SecondPerson {

    public static final String ADMIN2 = "admin2";

    private final DatabaseRoles roles;
    private final PrivilegeRequests requests;
    private final PasswordEncoder encoder;

    SecondPerson(DatabaseRoles roles, PrivilegeRequests requests, PasswordEncoder encoder) {
        this.roles = roles;
        this.requests = requests;
        this.encoder = encoder;
    }

    /** Present and enabled, holding ADMIN since long ago. */
    public synchronized void ensureAdmin2() {
        roles.ownerSql().sql("""
                insert into app_user (username, display_name, password_hash)
                values (:u, 'Second Admin', :hash) on conflict (username) do update set enabled = true""")
                .param("u", ADMIN2).param("hash", encoder.encode(ADMIN2 + "-test-pass")).update();
        roles.ownerSql().sql("""
                insert into app_user_role (user_id, role) select id, 'ADMIN' from app_user where username = :u
                on conflict do nothing""").param("u", ADMIN2).update();
    }

    /**
     * Approves, as {@value #ADMIN2}, every pending request about {@code username}; the temporary
     * password of an approved reset, or null. The caller's signed-in person is restored afterwards.
     */
    public String approveAllFor(String username) {
        ensureAdmin2();
        SecurityContext caller = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(SignedInRequest.contextOf(ADMIN2, "ADMIN"));
        try {
            List<String> passwords = new ArrayList<>();
            for (PrivilegeRequest request : requests.pending()) {
                if (request.username().equals(username)) {
                    String password = requests.approve(request.id(), "approved by the test's second person")
                            .temporaryPassword();
                    if (password != null) {
                        passwords.add(password);
                    }
                }
            }
            return passwords.isEmpty() ? null : passwords.get(passwords.size() - 1);
        } finally {
            SecurityContextHolder.setContext(caller);
        }
    }
}
