using System.Buffers;
using System.Text.Json;
using KpiService.Common;
using KpiService.Domain.Figures;

namespace KpiService.Features.Figures;

/// <summary>
/// Reads <c>{ "figures": [ ... ] }</c> from the request body one figure at a time, in a buffer that holds one figure
/// (at most <see cref="MaxFigureBytes"/>) rather than the whole array: System.Text.Json would buffer a whole array
/// value before a custom converter sees it, so 16 MB of <c>{}</c> cost 32 MB of pooled buffers per request, kept by
/// the pool after the request. Stops at <see cref="ReturnInput.MaxFigures"/>.
/// </summary>
public static class JsonReturnReader
{
    public const int MaxFigureBytes = 64 * 1024;
    private const int ChunkBytes = 16 * 1024;

    private enum Phase { Start, Properties, Figures, Done }

    private sealed class Progress
    {
        public Phase Phase = Phase.Start;
        public bool SawFigures;
        public readonly List<ReturnInput.JsonFigure?> Figures = [];
        public FieldProblem? Problem;
        public int Incomplete;
        public int FirstIncomplete = -1;
    }

    /// <summary>A body whose figures keep lacking a measure or period is not a return: stop reading rather than build them all.</summary>
    public const int MaxIncompleteFigures = 100;

    /// <summary>The figures as sent (null where a figure was JSON null), or the first problem that stopped reading.</summary>
    public static async Task<(List<ReturnInput.JsonFigure?>? Figures, FieldProblem? Problem)> ReadAsync(Stream body, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxFigureBytes + ChunkBytes);
        try
        {
            var (filled, final, progress) = (0, false, new Progress());
            var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 16 });
            while (progress.Phase != Phase.Done && progress.Problem is null)
            {
                if (!final)
                {
                    if (filled == buffer.Length) return (null, new("figures", $"has a figure longer than {MaxFigureBytes / 1024} KB."));
                    var read = await body.ReadAsync(buffer.AsMemory(filled, Math.Min(ChunkBytes, buffer.Length - filled)), cancellationToken);
                    if (read == 0) final = true;
                    filled += read;
                }
                var consumed = Advance(buffer.AsSpan(0, filled), final, ref state, progress, options);
                if (final && progress.Phase != Phase.Done && progress.Problem is null)
                    progress.Problem = new("body", "ends before the return does: send { \"figures\": [ ... ] }.");
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
            }
            if (progress.Problem is { } problem) return (null, problem);
            if (!await OnlyWhitespaceFollowsAsync(body, buffer, filled, cancellationToken))
                return (null, new("body", "has more after the return's closing brace."));
            return progress.SawFigures ? (progress.Figures, null) : (null, null);
        }
        catch (JsonException e)
        {
            return (null, new("body", $"is not valid JSON for a return ({e.Message.Split(". Path")[0].Split(" LineNumber")[0]})."));
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    private static async Task<bool> OnlyWhitespaceFollowsAsync(Stream body, byte[] buffer, int filled, CancellationToken cancellationToken)
    {
        do
        {
            if (buffer.AsSpan(0, filled).IndexOfAnyExcept(" \t\r\n"u8) >= 0) return false;
            filled = await body.ReadAsync(buffer, cancellationToken);
        } while (filled > 0);
        return true;
    }

    // Reads every complete token or figure in the buffer; returns how many bytes it used up.
    private static int Advance(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, Progress progress, JsonSerializerOptions options)
    {
        var reader = new Utf8JsonReader(data, final, state);
        while (progress.Phase != Phase.Done && progress.Problem is null)
        {
            var checkpoint = reader;
            if (!reader.Read()) { reader = checkpoint; break; }
            switch (progress.Phase)
            {
                case Phase.Start when reader.TokenType == JsonTokenType.StartObject:
                    progress.Phase = Phase.Properties;
                    break;
                case Phase.Start:
                    progress.Problem = new("body", "must be a JSON object: { \"figures\": [ ... ] }.");
                    break;
                case Phase.Properties when reader.TokenType == JsonTokenType.EndObject:
                    progress.Phase = Phase.Done;
                    break;
                case Phase.Properties when reader.ValueTextEquals("figures"u8):
                    if (progress.SawFigures) { progress.Problem = new("figures", "appears twice in one object."); break; }
                    if (!reader.Read()) { reader = checkpoint; goto NeedMore; }
                    if (reader.TokenType == JsonTokenType.Null) { progress.SawFigures = false; break; }
                    if (reader.TokenType != JsonTokenType.StartArray) { progress.Problem = new("figures", "must be an array of figures."); break; }
                    (progress.SawFigures, progress.Phase) = (true, Phase.Figures);
                    break;
                case Phase.Properties:
                    if (!reader.TrySkip()) { reader = checkpoint; goto NeedMore; } // other properties are ignored, as elsewhere
                    break;
                case Phase.Figures when reader.TokenType == JsonTokenType.EndArray:
                    progress.Phase = Phase.Properties;
                    break;
                case Phase.Figures:
                    var start = reader.TokenStartIndex;
                    if (!reader.TrySkip()) { reader = checkpoint; goto NeedMore; }
                    if (progress.Figures.Count == ReturnInput.MaxFigures)
                    {
                        progress.Problem = new("figures", $"has more than {ReturnInput.MaxFigures} figures; a return holds at most {ReturnInput.MaxFigures}: send it in parts.");
                        break;
                    }
                    progress.Problem = Figure(data[(int)start..(int)reader.BytesConsumed], progress, options);
                    break;
            }
        }
        NeedMore:
        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    private static FieldProblem? Figure(ReadOnlySpan<byte> json, Progress progress, JsonSerializerOptions options)
    {
        var at = $"figures[{progress.Figures.Count}]";
        try
        {
            var figure = JsonSerializer.Deserialize<ReturnInput.JsonFigure>(json, options);
            progress.Figures.Add(figure);
            if (figure is { Measure: not null, Period: not null }) return null;
            if (progress.FirstIncomplete < 0) progress.FirstIncomplete = progress.Figures.Count - 1;
            return ++progress.Incomplete < MaxIncompleteFigures ? null
                : new("figures", $"has {MaxIncompleteFigures} figures without a measure or period (the first is figures[{progress.FirstIncomplete}]); reading stopped there and nothing was stored.");
        }
        catch (RefusedTextException e) { return new($"{at}.{e.Path?.TrimStart('$', '.')}", e.Message); }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 1 } path ? $"{at}.{path.TrimStart('$', '.')}" : at;
            return new(field, $"is not a figure ({e.Message.Split(". Path")[0]}).");
        }
    }
}
