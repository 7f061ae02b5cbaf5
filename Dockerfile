# The service's own image, for docker-compose.yml (hosts that can pull base images).
FROM maven:3-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q package -DskipTests -Dspring-javaformat.skip=true

FROM eclipse-temurin:25-jre
WORKDIR /app
COPY --from=build /src/target/demo-multiplexer-*.jar app.jar
# The JVM options make run and the benchmark use.
COPY scripts/jvm.options jvm.options
EXPOSE 8080
ENTRYPOINT ["java", "@/app/jvm.options", "-jar", "/app/app.jar"]
