package com.countersign.security;

/** What a person may do. A person may hold several roles. */
public enum Role {
    STAFF("Edits proformas and requests bulk edits"),
    REVIEWER("Approves or rejects risky changes of others"),
    MANAGER("Second approver, editing lock, paper forms, recovery"),
    ADMIN("Users and roles, risk policy, deployments");

    private final String description;

    Role(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
