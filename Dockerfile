# syntax=docker/dockerfile:1.7
#
# Countersign production image.
#   docker build -t countersign .
#   docker run -p 8080:8080 \
#     -e SPRING_DATASOURCE_URL=jdbc:postgresql://db:5432/countersign \
#     -e SPRING_DATASOURCE_USERNAME=countersign_app -e SPRING_DATASOURCE_PASSWORD=... \
#     -e SPRING_LIQUIBASE_USER=countersign -e SPRING_LIQUIBASE_PASSWORD=... countersign
# See README.md, "Production".

# Pinned base images; bump deliberately. Node must be >= 20 for Vaadin 24.9 (its default is 22.22.2).
ARG MAVEN_IMAGE=maven:3.9.11-eclipse-temurin-17
ARG NODE_IMAGE=node:22.22.2-bookworm-slim
ARG JRE_IMAGE=eclipse-temurin:17-jre-noble

# ---------------------------------------------------------------- node (only a source of binaries)
FROM ${NODE_IMAGE} AS nodejs

# ---------------------------------------------------------------- build
FROM ${MAVEN_IMAGE} AS build

# Node.js + npm from the pinned official image, so the Vaadin plugin never downloads a toolchain.
# It is only used when the app needs its own frontend bundle; otherwise Vaadin's precompiled
# production bundle is used and node stays idle.
COPY --from=nodejs /usr/local/bin/node /usr/local/bin/node
COPY --from=nodejs /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version

WORKDIR /build

# 1) dependencies first: pom.xml alone, so this layer, with the local Maven repository in it
#    (/opt/m2, not a cache mount), is reused until pom.xml changes. `dependency:go-offline` alone
#    misses part of what the real build needs (spring-webmvc, the zonky binaries, ...);
#    resolve + resolve-plugins leaves only a stray plexus-utils for the package step to fetch.
COPY pom.xml ./
RUN mvn -B -ntp -Dmaven.repo.local=/opt/m2/repository -Pproduction \
        dependency:resolve dependency:resolve-plugins

# 2) sources, then the production build (Vaadin prepare-frontend + build-frontend, no vaadin-dev),
#    then Spring Boot's layered extraction for the runtime image
COPY frontend ./frontend
COPY workflows ./workflows
COPY src/main ./src/main
RUN --mount=type=cache,target=/root/.npm \
    mvn -B -ntp -Dmaven.repo.local=/opt/m2/repository -Pproduction package -DskipTests \
 && cp target/countersign-*.jar /build/app.jar \
 && java -Djarmode=tools -jar /build/app.jar extract --layers --launcher --destination /build/layers

# ---------------------------------------------------------------- runtime
FROM ${JRE_IMAGE} AS runtime

# curl only for the HEALTHCHECK
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 countersign \
 && useradd --system --uid 10001 --gid countersign --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin countersign \
 && mkdir -p /app/data \
 && chown -R countersign:countersign /app

WORKDIR /app

# Spring Boot layers, least to most frequently changing
COPY --from=build --chown=countersign:countersign /build/layers/dependencies/ ./
COPY --from=build --chown=countersign:countersign /build/layers/spring-boot-loader/ ./
COPY --from=build --chown=countersign:countersign /build/layers/snapshot-dependencies/ ./
COPY --from=build --chown=countersign:countersign /build/layers/application/ ./
COPY --chmod=0755 src/main/docker/entrypoint.sh /usr/local/bin/countersign-entrypoint

# Required at run time (the entrypoint refuses to start without the URL):
#   SPRING_DATASOURCE_URL       jdbc:postgresql://HOST:5432/DB
#   SPRING_DATASOURCE_USERNAME  the application role: a login role that owns nothing (the portal runs as it)
#   SPRING_DATASOURCE_PASSWORD
#   SPRING_LIQUIBASE_USER       the owner: owns DB; Liquibase migrates and Flowable's tables are created
#   SPRING_LIQUIBASE_PASSWORD   as it, then it grants the application role db/roles/app-role.sql
# A DBA creates both roles and countersign_deploy first (README.md, "Database roles").
# Optional: JAVA_OPTS (extra JVM flags), SERVER_PORT (default 8080),
#   COUNTERSIGN_DEMO_ENABLED=true (seed demo users and sample proformas; never in production).
ENV SERVER_PORT=8080 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    COUNTERSIGN_EMBEDDED_DB_ENABLED=false

USER countersign
EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${SERVER_PORT}/actuator/health" | grep -q '"status":"UP"' || exit 1

ENTRYPOINT ["/usr/local/bin/countersign-entrypoint"]
