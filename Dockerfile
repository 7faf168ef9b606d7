# news-signals services image: `docker compose` runs it with the subcommand as the command (ingest, enrich, alerts).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY schemas/pom.xml schemas/
COPY ops/pom.xml ops/
COPY ingest/pom.xml ingest/
COPY enrich/pom.xml enrich/
COPY alerts/pom.xml alerts/
COPY launcher/pom.xml launcher/
# dependencies first, so a source change does not download them again
RUN mvn -B -q -DskipTests dependency:go-offline || true
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
# curl: the compose healthchecks ask /health/ready
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN useradd --system --create-home --home-dir /var/lib/news-signals news-signals
WORKDIR /app
COPY --from=build /src/launcher/target/lib/ /app/lib/
COPY --from=build /src/launcher/target/launcher-*.jar /app/
USER news-signals
# status page, /health/live, /health/ready, /metrics (PIPELINE_HTTP_PORT)
EXPOSE 8080
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -cp \"$(ls /app/launcher-*.jar):/app/lib/*\" io.newssignals.launcher.Pipeline \"$@\"", "pipeline"]
CMD ["--help"]
