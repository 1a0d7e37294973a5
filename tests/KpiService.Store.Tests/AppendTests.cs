using JasperFx.Events;
using KpiService.Common;

namespace KpiService.Store.Tests;

/// <summary>The write guarantees the service relies on, as Marten delivers them with the service's configuration.</summary>
public sealed class AppendTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task AppendToNewStream_StoresEventsWithVersionsTypeNamesAndMetadata()
    {
        var stream = $"s-{Guid.NewGuid()}";
        await using (var session = fixture.Session("client-1", "corr-1"))
        {
            session.Events.Append(stream, 2, new Opened(1), new Changed(2));
            await session.SaveChangesAsync();
        }

        var events = await fixture.Store.QuerySession().Events.FetchStreamAsync(stream);
        events.Select(e => (e.Version, e.EventTypeName)).ShouldBe([(1L, "Opened"), (2L, "Changed")]);
        events.ShouldAllBe(e => e.UserName == "client-1" && e.CorrelationId == "corr-1");
        await using var command = fixture.DataSource.CreateCommand("SELECT data::text FROM kpi.mt_events WHERE stream_id = $1 AND version = 2");
        command.Parameters.Add(new() { Value = stream });
        ((string)(await command.ExecuteScalarAsync())!).ShouldBe("""{"n": 2}""");
    }

    [Fact]
    public async Task ServiceEvents_AreStoredInTheirHistoricShape_CamelCaseLowerCamelEnumsAndPeriodsAsText()
    {
        var stream = $"measure:shape-{Guid.NewGuid():N}";
        var measure = new KpiService.Domain.Measures.Measure("shape", null, "Shape", "", "Front door", KpiService.Domain.Measures.Unit.Percentage,
            KpiService.Domain.Measures.Polarity.Lower, 1, KpiService.Domain.Measures.Aggregation.Ratio);
        var key = new KpiService.Domain.Figures.FigureKey(916, "shape", KpiService.Domain.Periods.Period.Month(2021, 9));
        await AppendAsync(stream, 2, new KpiService.Domain.Reference.MeasureDefined(measure),
            new KpiService.Domain.Figures.FigureSubmitted(key, new(21.5, 43, 200), null));
        await using var command = fixture.DataSource.CreateCommand("SELECT string_agg(data::text, ' ' ORDER BY version) FROM kpi.mt_events WHERE stream_id = $1");
        command.Parameters.Add(new() { Value = stream });
        var json = (string)(await command.ExecuteScalarAsync())!;
        json.ShouldContain("\"unit\": \"percentage\"");
        json.ShouldContain("\"polarity\": \"lower\"");
        json.ShouldContain("\"period\": \"2021-09\"");
        json.ShouldContain("\"laNumber\": 916");
    }

    [Fact]
    public async Task AppendWithStaleExpectedVersion_IsAConflictAndStoresNothing()
    {
        var stream = $"s-{Guid.NewGuid()}";
        await AppendAsync(stream, 1, new Opened(0));

        var stale = await Should.ThrowAsync<Exception>(() => AppendAsync(stream, 1, new Changed(1)));
        StoreFailures.IsConflict(stale).ShouldBeTrue(stale.ToString());
        var ahead = await Should.ThrowAsync<Exception>(() => AppendAsync(stream, 6, new Changed(5)));
        StoreFailures.IsConflict(ahead).ShouldBeTrue(ahead.ToString());
        (await fixture.Store.QuerySession().Events.FetchStreamAsync(stream)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ThirtyTwoConcurrentAppendersWithSameExpectedVersion_ExactlyOneWins()
    {
        var stream = $"s-{Guid.NewGuid()}";
        await AppendAsync(stream, 1, new Opened(0));
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try { await AppendAsync(stream, 2, new Changed(i)); return true; }
            catch (Exception e) when (StoreFailures.IsConflict(e)) { return false; }
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(won => won).ShouldBe(1);
        (await fixture.Store.QuerySession().Events.FetchStreamAsync(stream)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task ThirtyTwoConcurrentCreatorsOfOneStream_ExactlyOneWins()
    {
        var stream = $"s-{Guid.NewGuid()}";
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try { await AppendAsync(stream, 1, new Opened(i)); return true; }
            catch (Exception e) when (StoreFailures.IsConflict(e)) { return false; }
        })).ToList();
        start.Set();
        (await Task.WhenAll(attempts)).Count(won => won).ShouldBe(1);
        (await fixture.Store.QuerySession().Events.FetchStreamAsync(stream)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task MultiStreamAppendWhereOneStreamClashes_StoresNothingInAnyStream()
    {
        var (a, b, c) = ($"a-{Guid.NewGuid()}", $"b-{Guid.NewGuid()}", $"c-{Guid.NewGuid()}");
        await AppendAsync(b, 1, new Opened(0));

        await using (var session = fixture.Session())
        {
            session.Events.Append(a, 1, new Opened(1));
            session.Events.Append(b, 1, new Opened(2)); // b is already at 1
            session.Events.Append(c, 1, new Opened(3));
            StoreFailures.IsConflict(await Should.ThrowAsync<Exception>(() => session.SaveChangesAsync())).ShouldBeTrue();
        }

        var query = fixture.Store.QuerySession();
        (await query.Events.FetchStreamAsync(a)).ShouldBeEmpty();
        (await query.Events.FetchStreamAsync(b)).Count.ShouldBe(1);
        (await query.Events.FetchStreamAsync(c)).ShouldBeEmpty();
        (await query.Events.FetchStreamStateAsync(a)).ShouldBeNull();
    }

    [Fact]
    public async Task FetchStreamAsAt_ReturnsOnlyEventsRecordedByThen_AndTheEventTimestampIsTheOneStored()
    {
        var stream = $"s-{Guid.NewGuid()}";
        IEvent first;
        await using (var session = fixture.Session())
        {
            first = session.Events.Append(stream, 1, new Opened(1)).Events[0];
            await session.SaveChangesAsync();
        }
        await Task.Delay(20);
        await AppendAsync(stream, 2, new Changed(2));

        var stored = await fixture.Store.QuerySession().Events.FetchStreamAsync(stream);
        stored[0].Timestamp.ShouldBe(first.Timestamp); // the moment the projection saw is the moment kept
        (await fixture.Store.QuerySession().Events.FetchStreamAsync(stream, timestamp: first.Timestamp.AddMilliseconds(1)))
            .Select(e => e.EventTypeName).ShouldBe(["Opened"]);
    }

    private async Task AppendAsync(string stream, long versionAfter, params object[] events)
    {
        await using var session = fixture.Session();
        session.Events.Append(stream, versionAfter, events);
        await session.SaveChangesAsync();
    }
}
