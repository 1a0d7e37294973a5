using KpiService.Hosting;
using Npgsql;

namespace KpiService.Tests.Operations;

/// <summary>
/// No container engine can pull images here, so the image and its deployments are held right by construction: these
/// parse the Dockerfile, .dockerignore, compose file and Kubernetes manifests and check what a platform team checks.
/// </summary>
public sealed class ManifestTests
{
    // pg_dump, psql, monitoring and a surge replica need connections too; superuser_reserved_connections is 3.
    private const int Headroom = 10, Reserved = 3, DefaultMaxConnections = 100;

    [Fact]
    public void Dockerfile_IsMultiStage_RunsTheRuntimeImageAsNonRoot_WithAHealthCheck()
    {
        var stages = Manifests.DockerStages();
        stages.Count.ShouldBeGreaterThanOrEqualTo(2);
        stages[0].From.ShouldContain("dotnet/sdk");
        var (from, lines) = stages[^1];
        from.ShouldContain("dotnet/aspnet");
        from.ShouldNotContain("sdk");
        var user = lines.Last(l => l.Instruction == "USER").Arguments;
        user.ShouldNotBeOneOf("root", "0", "0:0");
        lines.ShouldContain(l => l.Instruction == "HEALTHCHECK" && l.Arguments.Contains("CMD", StringComparison.Ordinal));
        // The runtime stage takes only the published output from the build stage: no source comes in.
        lines.Where(l => l.Instruction is "COPY" or "ADD").ShouldAllBe(l => l.Arguments.StartsWith("--from=build", StringComparison.Ordinal));
        lines.Single(l => l.Instruction == "ENTRYPOINT").Arguments.ShouldBe("""["dotnet", "KpiService.dll"]""");
        stages[0].Lines.ShouldContain(l => l.Instruction == "RUN" && l.Arguments.Contains("dotnet publish src/KpiService/KpiService.csproj -c Release -o /app", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(".kpi-data/admin-key.txt")]
    [InlineData(".kpi-data/data/PG_VERSION")]
    [InlineData("src/KpiService/.kpi-data/admin-key.txt")]
    [InlineData("src/KpiService/bin/Release/net10.0/KpiService.dll")]
    [InlineData("src/KpiService/obj/project.assets.json")]
    [InlineData("src/KpiService.Domain/bin/Debug/net10.0/KpiService.Domain.dll")]
    [InlineData(".git/HEAD")]
    [InlineData("tests/KpiService.Tests/Operations/ManifestTests.cs")]
    [InlineData("docs/operations.md")]
    public void DockerIgnore_KeepsSecretsBuildOutputAndHistoryOutOfTheContext(string path) => Manifests.DockerIgnores(path).ShouldBeTrue(path);

    [Fact]
    public void DockerIgnore_LetsInEverythingTheBuildCopies()
    {
        var copied = Manifests.DockerStages()[0].Lines.Where(l => l.Instruction == "COPY").SelectMany(l => l.Arguments.Split(' ')[..^1]).ToList();
        copied.ShouldNotBeEmpty();
        var sources = copied.SelectMany(c => Directory.Exists(Manifests.Path(c.TrimEnd('/')))
                ? Directory.EnumerateFiles(Manifests.Path(c.TrimEnd('/')), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Manifests.Root, f).Replace('\\', '/'))
                : [c])
            .Where(f => !f.Split('/').Any(part => part is "bin" or "obj" or ".kpi-data")).ToList();
        sources.ShouldContain("src/KpiService/Program.cs");
        sources.ShouldContain("protos/kpi/v1/ratings.proto");
        sources.Where(Manifests.DockerIgnores).ShouldBeEmpty();
    }

    [Fact]
    public void Compose_BuildsOneImage_RunsTwoReplicasWithRestartAndHealth_AndPoolsFitThePostgres()
    {
        var compose = Manifests.Yaml("deploy", "compose.yaml").Single();
        var services = Manifests.Map(compose, "services");
        var built = services.Where(s => Manifests.At(s.Value, "build") is not null).ToList();
        built.Count.ShouldBe(1); // one image, built once
        var kpi = built[0].Value;
        Manifests.Text(kpi, "build.dockerfile").ShouldBe("Dockerfile");
        var replicas = int.Parse(Manifests.Text(kpi, "deploy.replicas"));
        replicas.ShouldBe(2);
        foreach (var (name, service) in services)
        {
            Manifests.Text(service, "restart").ShouldBeOneOf(["unless-stopped", "always", "on-failure"], $"{name} restarts");
            Manifests.List(service, "healthcheck.test").ShouldNotBeEmpty($"{name} has a health check");
        }
        // The replica's health check is the image's own.
        var imageCheck = Manifests.DockerStages()[^1].Lines.Single(l => l.Instruction == "HEALTHCHECK").Arguments;
        imageCheck.ShouldEndWith("CMD " + "[" + string.Join(", ", Manifests.List(kpi, "healthcheck.test").Skip(1).Select(a => $"\"{a}\"")) + "]");
        Manifests.Text(kpi, "depends_on.postgres.condition").ShouldBe("service_healthy");
        TimeSpan.Parse("00:00:" + Manifests.Text(kpi, "stop_grace_period").TrimEnd('s')).ShouldBeGreaterThan(Lifecycle.DrainTimeout);

        var postgres = Manifests.List(services["postgres"], "command").Select(c => c.ToString()!).ToList();
        var maxConnections = postgres.Select(a => a.StartsWith("max_connections=", StringComparison.Ordinal) ? int.Parse(a["max_connections=".Length..]) : 0).Max();
        maxConnections = maxConnections == 0 ? DefaultMaxConnections : maxConnections;
        var pool = PoolSize(Manifests.Substitute(Manifests.Text(kpi, "environment.ConnectionStrings__Kpi"), new Dictionary<string, string> { ["KPI_DB_PASSWORD"] = "x" }));
        (replicas * pool + Headroom).ShouldBeLessThanOrEqualTo(maxConnections - Reserved, $"{replicas} replicas x {pool} connections against max_connections {maxConnections}");
    }

    [Fact]
    public void Kubernetes_TwoReplicasProbedOnHealth_DisruptionBudget_SecretsFromASecret_ResourcesRequested()
    {
        var deployment = Manifests.Yaml("deploy", "k8s", "deployment.yaml").Single();
        Manifests.Text(deployment, "kind").ShouldBe("Deployment");
        Manifests.Text(deployment, "spec.replicas").ShouldBe("2");
        var labels = Manifests.Map(deployment, "spec.template.metadata.labels");
        Manifests.Map(deployment, "spec.selector.matchLabels").ShouldBe(labels);
        var pod = Manifests.Map(deployment, "spec.template.spec");
        Manifests.Text(pod, "securityContext.runAsNonRoot").ShouldBe("true");
        var container = Manifests.Map(pod, "containers.0");
        Manifests.Text(container, "readinessProbe.httpGet.path").ShouldBe("/health/ready");
        Manifests.Text(container, "livenessProbe.httpGet.path").ShouldBe("/health/live");
        Manifests.Text(container, "resources.requests.memory").ShouldNotBeNullOrWhiteSpace();
        Manifests.Text(container, "resources.requests.cpu").ShouldNotBeNullOrWhiteSpace();
        Manifests.Text(container, "securityContext.allowPrivilegeEscalation").ShouldBe("false");
        // The pod is given longer to stop than the service takes to drain, after the preStop pause.
        (int.Parse(Manifests.Text(pod, "terminationGracePeriodSeconds")) - int.Parse(Manifests.Text(container, "lifecycle.preStop.sleep.seconds")))
            .ShouldBeGreaterThan((int)Lifecycle.DrainTimeout.TotalSeconds);

        var secret = Manifests.Yaml("deploy", "k8s", "secret.yaml").Single();
        Manifests.Text(secret, "kind").ShouldBe("Secret");
        var env = Manifests.List(container, "env").Cast<Dictionary<object, object>>().ToDictionary(e => e["name"].ToString()!);
        foreach (var name in new[] { "ConnectionStrings__Kpi", "Auth__AdminKey" })
        {
            env[name].ContainsKey("value").ShouldBeFalse($"{name} must not be a plain value");
            Manifests.Text(env[name], "valueFrom.secretKeyRef.name").ShouldBe(Manifests.Text(secret, "metadata.name"));
            Manifests.Map(secret, "stringData").ShouldContainKey(Manifests.Text(env[name], "valueFrom.secretKeyRef.key"));
        }
        var pool = PoolSize(Manifests.Text(secret, "stringData." + Manifests.Text(env["ConnectionStrings__Kpi"], "valueFrom.secretKeyRef.key")));
        // During a rolling update one extra pod runs (maxSurge 1) beside the two.
        var surge = int.Parse(Manifests.Text(deployment, "spec.strategy.rollingUpdate.maxSurge"));
        ((2 + surge) * pool + Headroom).ShouldBeLessThanOrEqualTo(DefaultMaxConnections - Reserved);

        var budget = Manifests.Yaml("deploy", "k8s", "pdb.yaml").Single();
        Manifests.Text(budget, "kind").ShouldBe("PodDisruptionBudget");
        Manifests.Map(budget, "spec.selector.matchLabels").ShouldBe(labels);
        Manifests.Text(budget, "spec.minAvailable").ShouldBe("1");

        var service = Manifests.Yaml("deploy", "k8s", "service.yaml").Single();
        Manifests.Map(service, "spec.selector").ShouldBe(labels);
        var listed = Manifests.List(Manifests.Yaml("deploy", "k8s", "kustomization.yaml").Single(), "resources").Select(r => r.ToString()).ToHashSet();
        Directory.EnumerateFiles(Manifests.Path("deploy", "k8s"), "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").ShouldAllBe(f => listed.Contains(f));
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://*:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://+:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    public void HealthProbe_ReachesAWildcardListenAddressOnLoopback(string listen, string probed) =>
        HealthProbe.Local(listen).ToString().ShouldBe(probed);

    private static int PoolSize(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).MaxPoolSize;
}
