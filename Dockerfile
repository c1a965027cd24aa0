# One image for every Cryflow service: the ./cryflow jar (subcommand = the service).
# Build: docker build -t cryflow .   Run: docker run cryflow features --bootstrap-servers kafka:9092
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl cli -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/cryflow cryflow && mkdir -p /var/lib/cryflow && chown cryflow /var/lib/cryflow
COPY --from=build /src/cli/target/cryflow.jar /opt/cryflow/cryflow.jar
USER cryflow
WORKDIR /var/lib/cryflow
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/cryflow/cryflow.jar"]
CMD ["--help"]
