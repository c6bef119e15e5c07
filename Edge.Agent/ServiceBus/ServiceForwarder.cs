using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.ServiceBus;

/// <summary>
/// Forwards a cloud <see cref="ServiceRequest"/> over HTTP to <c>http://127.0.0.1:{port}{path}</c> and turns the
/// answer into a <see cref="ServiceResponse"/>. Never throws for the application's failures: a refused connection is
/// 502, no answer within the request's timeout is 504, each with a reason in <see cref="ServiceResponse.Error"/>.
/// </summary>
public sealed class ServiceForwarder : IDisposable
{
    // Connection-level headers belong to each hop, and HttpClient sets Host and Content-Length itself.
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection", "Content-Length",
    };

    private readonly Lazy<HttpClient> _http;
    private readonly ServiceBusOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a forwarder with its own connection pool (no proxy, no redirects: the app's answer goes back as is).</summary>
    public ServiceForwarder(ServiceBusOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _http = new(() => new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        {
            // Each request carries its own timeout (a linked token below).
            Timeout = Timeout.InfiniteTimeSpan,
        });
    }

    /// <summary>Sends <paramref name="request"/> to the local application and returns its response or a 502/504 error.</summary>
    public async Task<ServiceResponse> ForwardAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TargetPort is < 1 or > 65535 || !request.Path.StartsWith('/'))
        {
            return Failure(HttpStatusCode.BadRequest, $"invalid target: port {request.TargetPort}, path '{request.Path}' (needs 1-65535 and a path starting with '/')");
        }

        var timeout = TimeSpan.FromMilliseconds(Math.Clamp(request.TimeoutMs, 1, _options.MaxTimeout.TotalMilliseconds));
        var target = $"127.0.0.1:{request.TargetPort}";
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var message = Build(request);
            using var response = await _http.Value.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, linked.Token).ConfigureAwait(false);
            if (body is null)
            {
                return Failure(HttpStatusCode.BadGateway, $"the response of {target}{request.Path} is larger than {_options.MaxResponseBodyBytes} bytes");
            }

            return new ServiceResponse
            {
                StatusCode = (int)response.StatusCode,
                Headers = Flatten(response.Headers, response.Content.Headers),
                Body = body.Length == 0 ? null : body,
            };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Failure(HttpStatusCode.GatewayTimeout, $"{target} did not answer {request.Method} {request.Path} within {timeout.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return Failure(HttpStatusCode.BadGateway, $"connection refused by {target}: no application listens there");
        }
        catch (HttpRequestException ex)
        {
            return Failure(HttpStatusCode.BadGateway, $"{target} could not be reached: {ex.Message}");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_http.IsValueCreated)
        {
            _http.Value.Dispose();
        }
    }

    private static HttpRequestMessage Build(ServiceRequest request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), $"http://127.0.0.1:{request.TargetPort}{request.Path}");
        if (request.Body is { Length: > 0 } body)
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (HopHeaders.Contains(name))
            {
                continue;
            }

            // Content headers (Content-Type, …) are only accepted on the content.
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    private async Task<byte[]?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > _options.MaxResponseBodyBytes)
        {
            return null;
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > _options.MaxResponseBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static Dictionary<string, string> Flatten(HttpResponseHeaders headers, HttpContentHeaders content)
    {
        var flat = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers.Concat(content))
        {
            if (!HopHeaders.Contains(name))
            {
                flat[name] = string.Join(", ", values);
            }
        }

        return flat;
    }

    private static ServiceResponse Failure(HttpStatusCode status, string reason) => new() { StatusCode = (int)status, Error = reason };
}
