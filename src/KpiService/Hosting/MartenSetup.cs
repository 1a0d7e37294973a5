using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using KpiService.Common;
using KpiService.ReadModels;
using KpiService.ReadModels.Activity;
using KpiService.ReadModels.Benchmarks;
using KpiService.ReadModels.Catalogue;
using KpiService.ReadModels.Figures;
using KpiService.ReadModels.Reference;
using Marten;
using Weasel.Core;

namespace KpiService.Hosting;

/// <summary>
/// Marten is the event store: string stream keys (<c>figure:916:re-referrals:2021-09</c>), one round trip per append
/// (quick append; timestamps stamped once by the client so the event and the read-model row agree to the tick),
/// client and correlation id on every event, and the read models as its projections.
/// </summary>
public static class MartenSetup
{
    /// <summary>The async daemon's leader lock: our own, so other applications sharing a database never collide (Marten's default is 4444).</summary>
    public const int DaemonLockId = 0x4B50_4953; // "KPIS"

    public static IServiceCollection AddKpiMarten(this IServiceCollection services)
    {
        services.AddSingleton<FigureQueries>();
        services.AddSingleton<CommittedChanges>();
        services.AddMarten(sp =>
            {
                var options = Configure(new StoreOptions(), sp.GetRequiredService<KpiDatabase>(), sp.GetRequiredService<FigureQueries>());
                options.Listeners.Add(sp.GetRequiredService<CommittedChanges>());
                options.Listeners.Add(sp.GetRequiredService<TelemetryStoreListener>());
                return options;
            })
            .AddAsyncDaemon(DaemonMode.HotCold);
        // Every session a request opens carries who is writing and why, onto every event it appends.
        services.AddScoped<IDocumentSession>(sp =>
        {
            var session = sp.GetRequiredService<IDocumentStore>().LightweightSession();
            var client = sp.GetRequiredService<Features.Access.CurrentClient>();
            (session.LastModifiedBy, session.CorrelationId) = (client.Id, client.CorrelationId);
            return session;
        });
        return services;
    }

    public static StoreOptions Configure(StoreOptions options, KpiDatabase database, FigureQueries figures)
    {
        ConfigureEventStore(options, database);

        options.Storage.ExtendedSchemaObjects.Add(FiguresTable.Definition());
        foreach (var table in ReferenceTables.Definitions()) options.Storage.ExtendedSchemaObjects.Add(table);
        options.Storage.ExtendedSchemaObjects.Add(BenchmarksTable.Definition());
        options.Storage.ExtendedSchemaObjects.Add(ClientActivityProjection.Table());
        options.Storage.ExtendedSchemaObjects.Add(StreamStates.Definition());

        options.Projections.Add(new FiguresProjection(figures), ProjectionLifecycle.Inline);
        options.Projections.Add(new ReferenceProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new BenchmarksProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new StreamStatesProjection(database.DataSource), ProjectionLifecycle.Inline);
        // Activity counts figure events only: the daemon loads just those, never a published-figures event of thousands
        // of rows (LAIT's download is 156 of them) only to skip it.
        var activity = new ProjectionWrapper<IDocumentOperations, IQuerySession>(new ClientActivityProjection(), ProjectionLifecycle.Async);
        foreach (var type in EventSerialization.EventTypes.Where(t => typeof(Domain.Figures.FigureEvent).IsAssignableFrom(t))) activity.IncludeType(type);
        options.Projections.Add(activity, ProjectionLifecycle.Async);
        options.Projections.DaemonLockId = DaemonLockId;
        return options;
    }

    /// <summary>The event store alone (connection, schema, serialization, stream keys, append mode, metadata), without
    /// read models: the benchmarks measure Marten's own append and read paths with it.</summary>
    public static StoreOptions ConfigureEventStore(StoreOptions options, KpiDatabase database)
    {
        options.Connection(database.DataSource);
        options.DatabaseSchemaName = KpiDatabase.Schema;
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        // Marten adds its own enum converter (PascalCase names); ours goes first so events keep lowerCamel enums.
        options.UseSystemTextJsonForSerialization(EventSerialization.Options, EnumStorage.AsString, Casing.CamelCase,
            json => json.Converters.Insert(0, new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false)));

        var events = options.Events;
        events.StreamIdentity = StreamIdentity.AsString;
        events.AppendMode = EventAppendMode.QuickWithServerTimestamps;
        events.TimeProvider = StoredClock.Instance;
        events.MetadataConfig.CorrelationIdEnabled = true;
        events.MetadataConfig.UserNameEnabled = true;
        foreach (var type in EventSerialization.EventTypes) events.MapEventType(type, type.Name);
        return options;
    }
}
