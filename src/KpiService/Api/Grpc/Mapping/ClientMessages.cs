using Google.Protobuf.Collections;

namespace KpiService.Api.Grpc.V1;

/// <summary>The fields v1's three client answers (Client, GetClientResponse, RevokeClientResponse) share, so one mapping fills each.</summary>
public interface IClientMessage
{
    string Id { get; set; }
    string Name { get; set; }
    RepeatedField<string> Scopes { get; }
    RepeatedField<string> Authorities { get; }
    string Status { get; set; }
    string CreatedAt { get; set; }
    string ExpiresAt { get; set; }
    string RotatedAt { get; set; }
    string RevokedAt { get; set; }
    string RevokedReason { get; set; }
    string LastUsedAt { get; set; }
}

public sealed partial class Client : IClientMessage;

public sealed partial class GetClientResponse : IClientMessage;

public sealed partial class RevokeClientResponse : IClientMessage;
