#!/bin/sh
# Container entry point: check the database settings, then start Spring Boot from its extracted
# layers with $JAVA_OPTS. Extra arguments are passed to the application (e.g. --debug).
set -eu

if [ -z "${SPRING_DATASOURCE_URL:-}" ] && [ "${COUNTERSIGN_EMBEDDED_DB_ENABLED:-false}" != "true" ]; then
    echo "countersign: SPRING_DATASOURCE_URL is not set." >&2
    echo "  Set SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD" >&2
    echo "  (e.g. jdbc:postgresql://db:5432/countersign). For a throw-away demo with the" >&2
    echo "  embedded database inside the container set COUNTERSIGN_EMBEDDED_DB_ENABLED=true." >&2
    exit 64
fi
if [ -n "${SPRING_DATASOURCE_URL:-}" ] && [ -z "${SPRING_DATASOURCE_USERNAME:-}" ]; then
    echo "countersign: warning: SPRING_DATASOURCE_USERNAME is not set" >&2
fi
if [ -n "${SPRING_DATASOURCE_URL:-}" ] && [ -z "${SPRING_LIQUIBASE_USER:-}" ]; then
    echo "countersign: warning: SPRING_LIQUIBASE_USER is not set: the portal migrates and runs as one role," >&2
    echo "  which then owns the tables it writes (README.md, \"Database roles\")" >&2
fi

# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags on purpose
exec java ${JAVA_OPTS:-} org.springframework.boot.loader.launch.JarLauncher "$@"
