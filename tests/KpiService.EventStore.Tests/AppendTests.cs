namespace KpiService.EventStore.Tests;

public sealed class AppendTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private PostgresEventStore Store => fixture.Store;

    [Fact]
    public async Task AppendToNewStream_StoresEventsWithVersionsAndMetadata()
    {
        var stream = $"s-{Guid.NewGuid()}";
        var result = await Store.AppendAsync([new(stream, 0, [StoreFixture.Event("Opened", 1), StoreFixture.Event("Changed", 2)])], new("client-1", "corr-1"));

        result.Versions[stream].ShouldBe(2);
        var events = await Store.ReadStreamAsync(stream);
        events.Select(e => (e.Version, e.Type)).ShouldBe([(1L, "Opened"), (2L, "Changed")]);
        events.ShouldAllBe(e => e.ClientId == "client-1" && e.CorrelationId == "corr-1");
        events[1].Data.ShouldContain("\"n\": 2");
    }

    [Fact]
    public async Task AppendWithStaleExpectedVersion_ThrowsConcurrencyAndStoresNothing()
    {
        var stream = $"s-{Guid.NewGuid()}";
        await Store.AppendAsync([new(stream, 0, [StoreFixture.Event("Opened")])], EventMetadata.None);

        var clash = await Should.ThrowAsync<ConcurrencyException>(() => Store.AppendAsync([new(stream, 0, [StoreFixture.Event("Again")])], EventMetadata.None));
        clash.StreamId.ShouldBe(stream);
        await Should.ThrowAsync<ConcurrencyException>(() => Store.AppendAsync([new(stream, 5, [StoreFixture.Event("Ahead")])], EventMetadata.None));
        (await Store.ReadStreamAsync(stream)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ThirtyTwoConcurrentAppendersWithSameExpectedVersion_ExactlyOneWins()
    {
        var stream = $"s-{Guid.NewGuid()}";
        await Store.AppendAsync([new(stream, 0, [StoreFixture.Event("Opened")])], EventMetadata.None);
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await Store.AppendAsync([new(stream, 1, [StoreFixture.Event("Raced", i)])], EventMetadata.None);
                return true;
            }
            catch (ConcurrencyException)
            {
                return false;
            }
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(won => won).ShouldBe(1);
        (await Store.ReadStreamAsync(stream)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task ThirtyTwoConcurrentCreatorsOfOneStream_ExactlyOneWins()
    {
        var stream = $"s-{Guid.NewGuid()}";
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            try { await Store.AppendAsync([new(stream, 0, [StoreFixture.Event("Created", i)])], EventMetadata.None); return true; }
            catch (ConcurrencyException) { return false; }
        })));
        outcomes.Count(won => won).ShouldBe(1);
    }

    [Fact]
    public async Task MultiStreamAppendWhereOneStreamClashes_StoresNothingInAnyStream()
    {
        var (a, b, c) = ($"a-{Guid.NewGuid()}", $"b-{Guid.NewGuid()}", $"c-{Guid.NewGuid()}");
        await Store.AppendAsync([new(b, 0, [StoreFixture.Event("Opened")])], EventMetadata.None);

        await Should.ThrowAsync<ConcurrencyException>(() => Store.AppendAsync(
            [new(a, 0, [StoreFixture.Event("One")]), new(b, 0, [StoreFixture.Event("Clash")]), new(c, 0, [StoreFixture.Event("Three")])],
            EventMetadata.None));

        (await Store.ReadStreamAsync(a)).ShouldBeEmpty();
        (await Store.ReadStreamAsync(b)).Count.ShouldBe(1);
        (await Store.ReadStreamAsync(c)).ShouldBeEmpty();
        (await Store.StreamVersionAsync(a)).ShouldBe(0);
    }

    [Fact]
    public async Task ReadStreamAsAt_ReturnsOnlyEventsRecordedByThen()
    {
        var stream = $"s-{Guid.NewGuid()}";
        await Store.AppendAsync([new(stream, 0, [StoreFixture.Event("First")])], EventMetadata.None);
        var between = (await Store.ReadStreamAsync(stream))[0].RecordedAt.AddMilliseconds(1);
        await Task.Delay(20);
        await Store.AppendAsync([new(stream, 1, [StoreFixture.Event("Second")])], EventMetadata.None);

        (await Store.ReadStreamAsync(stream, asAt: between)).Select(e => e.Type).ShouldBe(["First"]);
        (await Store.ReadStreamAsync(stream)).Count.ShouldBe(2);
    }
}
