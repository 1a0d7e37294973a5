using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KpiService.Reports.Tests.Browser;

/// <summary>
/// A tiny HTTP server on 127.0.0.1 for browser tests: serves fixed bodies by path with their content types, answers
/// 404 to anything else (so a stray request shows up as a failed request), and stops when disposed.
/// </summary>
public sealed class StaticSite : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, (string ContentType, byte[] Body)> _pages = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public StaticSite(IEnumerable<(string Path, string ContentType, string Body)> pages)
    {
        foreach (var (path, contentType, body) in pages) _pages[path] = (contentType, Encoding.UTF8.GetBytes(body));
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            var response = context.Response;
            if (_pages.TryGetValue(context.Request.Url?.AbsolutePath ?? "", out var page))
            {
                response.ContentType = page.ContentType;
                response.ContentLength64 = page.Body.Length;
                await response.OutputStream.WriteAsync(page.Body);
            }
            else response.StatusCode = 404;
            response.Close();
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
