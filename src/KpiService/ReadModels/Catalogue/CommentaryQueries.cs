using KpiService.Domain.Catalogue;
using Npgsql;

namespace KpiService.ReadModels.Catalogue;

/// <summary>Commentary as the stream-state read model holds it: one thread per authority, measure, period and breakdown.</summary>
public sealed class CommentaryQueries(NpgsqlDataSource dataSource)
{
    public async Task<CommentaryThread> ThreadAsync(CommentaryKey key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT state::text FROM {StreamStates.Name} WHERE stream = $1");
        command.Parameters.Add(new() { Value = key.StreamId });
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? StreamStates.ReadCommentary(json) : CommentaryThread.None;
    }

    /// <summary>The visible commentary on an authority's figures for a period, keyed by measure and breakdown ("" for the total).</summary>
    public async Task<IReadOnlyDictionary<(string Measure, string Breakdown), Commentary>> ForPeriodAsync(int laNumber, string period, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT measure, breakdown, state::text FROM {StreamStates.Name} WHERE la_number = $1 AND kind = '{StreamStates.Commentary}' AND period = $2
            """);
        command.Parameters.Add(new() { Value = laNumber });
        command.Parameters.Add(new() { Value = period });
        var found = new Dictionary<(string, string), Commentary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            if (StreamStates.ReadCommentary(reader.GetString(2)).Visible is { } visible)
                found[(reader.GetString(0), reader.GetString(1))] = visible;
        return found;
    }
}
