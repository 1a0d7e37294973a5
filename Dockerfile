# syntax=docker/dockerfile:1
# KpiService image. Build from the repository root:  docker build -t kpi-service .
# Stage 1 publishes with the SDK; stage 2 is the ASP.NET runtime with the published output only (no source, no SDK,
# no tests), owned by root and run as the image's unprivileged user. tests/KpiService.Tests/Operations checks this
# file, .dockerignore and deploy/ by parsing them, and runs the published output exactly as this image would.
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY protos/ protos/
COPY src/ src/
RUN --mount=type=cache,target=/root/.nuget/packages \
    dotnet publish src/KpiService/KpiService.csproj -c Release -o /app --nologo -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
WORKDIR /app
COPY --from=build --chown=root:root /app ./
# Configuration comes from the environment only (ConnectionStrings__Kpi, Auth__AdminKey, Auth__Bearer__*, OTEL_*):
# a container talks to a PostgreSQL server, listens on all interfaces, and logs JSON for the log shipper.
ENV ASPNETCORE_ENVIRONMENT=Production \
    Kestrel__Endpoints__Rest__Url=http://0.0.0.0:8080 \
    Kestrel__Endpoints__Grpc__Url=http://0.0.0.0:8081 \
    Logging__Console__FormatterName=json \
    DOTNET_gcServer=0
EXPOSE 8080 8081
# The aspnet image's non-root user (uid 1654): it can read the application but not change it.
USER $APP_UID
# The runtime image has no curl: the service probes its own readiness (reads the same configuration, exits 0 or 1).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["dotnet", "KpiService.dll", "probe"]
# SIGTERM drains in-flight requests and ends WatchRatings streams (within 20 s) and exits 0; give it 30 s.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "KpiService.dll"]
