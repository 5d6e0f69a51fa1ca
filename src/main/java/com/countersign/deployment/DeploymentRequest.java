package com.countersign.deployment;

/** What an ADMIN submits: the script and what it is for. */
public record DeploymentRequest(String title, String releaseRef, String description, String script) {}
