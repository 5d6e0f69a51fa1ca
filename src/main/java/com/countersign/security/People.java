package com.countersign.security;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who holds a role now: what other features ask before they promise that someone can act. */
@Component
public class People {

    private final JdbcClient jdbc;

    People(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** User names of the enabled accounts that hold {@code role}, in name order. */
    public List<String> withRole(Role role) {
        return jdbc.sql("""
                select u.username from app_user u join app_user_role r on r.user_id = u.id
                 where r.role = :role and u.enabled order by u.username
                """).param("role", role.name()).query(String.class).list();
    }
}
