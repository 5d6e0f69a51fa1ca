package com.countersign.base.db;

/**
 * Who may log in to the embedded cluster: its superuser, the owner of the Countersign tables
 * (Liquibase, Flowable's schema, the grant script) and the portal's own role, which owns nothing.
 */
public record EmbeddedDatabaseLogins(Login superuser, Login owner, Login application) {

    public record Login(String role, String password) {

        @Override
        public String toString() {
            return role; // never the password, wherever a record ends up in a log
        }
    }
}
