# One image for the Cairn engine server and the pipeline worker (docker-compose.yml picks the main class).
# Built from the sources with the Maven wrapper, so the image needs nothing but a JDK to build.
FROM eclipse-temurin:17.0.15_6-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests install \
 && ./mvnw -B -q -pl pipeline dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/app/lib \
 && cp pipeline/target/cairn-pipeline-*.jar /app/lib/

FROM eclipse-temurin:17.0.15_6-jre
RUN useradd --system --uid 10001 cairn && mkdir -p /shared /work && chown cairn /shared /work
COPY --from=build /app/lib /app/lib
COPY samples /app/samples
WORKDIR /app
USER cairn
ENTRYPOINT ["java", "-Xmx512m", "-Dorg.bytedeco.javacpp.cachedir=/work/javacpp", "-cp", "/app/lib/*"]
