# Multi-stage build: the SDK image builds and publishes; the runtime image runs as a non-root user.
# (No Docker engine runs on the development machines; this file is kept right by reading, see README.)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props KpiService.sln ./
COPY protos/ protos/
COPY src/ src/
RUN dotnet publish src/KpiService/KpiService.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# In a container the service talks to a PostgreSQL server (ConnectionStrings__Kpi); listen on all interfaces.
ENV ASPNETCORE_ENVIRONMENT=Production \
    Kestrel__Endpoints__Rest__Url=http://0.0.0.0:8080 \
    Kestrel__Endpoints__Grpc__Url=http://0.0.0.0:8081 \
    DOTNET_gcServer=0
EXPOSE 8080 8081
USER app
# Probe /health/ready from the orchestrator (the aspnet image has no curl): see deploy/README.md.
ENTRYPOINT ["dotnet", "KpiService.dll"]
