using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace KpiService.Grpc;

/// <summary>
/// Server reflection (<c>grpc.reflection.v1alpha</c> and <c>v1</c>), so grpcurl, Postman and other generic tools can
/// list the services and fetch their descriptors: list_services, file_by_filename, file_containing_symbol.
/// </summary>
public static class ServerReflection
{
    public static GrpcServices AddReflection(this GrpcServices services)
    {
        services.Describe(global::Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor).Describe(global::Grpc.Reflection.V1.ReflectionReflection.Descriptor);
        services.DuplexStreaming<global::Grpc.Reflection.V1Alpha.ServerReflectionRequest, global::Grpc.Reflection.V1Alpha.ServerReflectionResponse>(
            "grpc.reflection.v1alpha.ServerReflection", "ServerReflectionInfo", global::Grpc.Reflection.V1Alpha.ServerReflectionRequest.Parser,
            async (requests, responses, _) =>
            {
                await foreach (var request in requests.ReadAllAsync())
                {
                    // v1alpha and v1 share one wire format: answer both through the v1 types.
                    var answer = Answer(services, global::Grpc.Reflection.V1.ServerReflectionRequest.Parser.ParseFrom(request.ToByteString()));
                    await responses.WriteAsync(global::Grpc.Reflection.V1Alpha.ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString()));
                }
            });
        services.DuplexStreaming<global::Grpc.Reflection.V1.ServerReflectionRequest, global::Grpc.Reflection.V1.ServerReflectionResponse>(
            "grpc.reflection.v1.ServerReflection", "ServerReflectionInfo", global::Grpc.Reflection.V1.ServerReflectionRequest.Parser,
            async (requests, responses, _) =>
            {
                await foreach (var request in requests.ReadAllAsync()) await responses.WriteAsync(Answer(services, request));
            });
        return services;
    }

    private static global::Grpc.Reflection.V1.ServerReflectionResponse Answer(GrpcServices services, global::Grpc.Reflection.V1.ServerReflectionRequest request)
    {
        var response = new global::Grpc.Reflection.V1.ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case global::Grpc.Reflection.V1.ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new global::Grpc.Reflection.V1.ListServiceResponse();
                list.Service.AddRange(services.ServiceNames.Order().Select(name => new global::Grpc.Reflection.V1.ServiceResponse { Name = name }));
                response.ListServicesResponse = list;
                break;
            case global::Grpc.Reflection.V1.ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                Files(response, services.Files.SelectMany(Closure).FirstOrDefault(f => f.Name == request.FileByFilename), $"No file '{request.FileByFilename}'.");
                break;
            case global::Grpc.Reflection.V1.ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                Files(response, services.Files.SelectMany(Closure).FirstOrDefault(f => Declares(f, request.FileContainingSymbol)), $"No symbol '{request.FileContainingSymbol}'.");
                break;
            default:
                response.ErrorResponse = new global::Grpc.Reflection.V1.ErrorResponse { ErrorCode = (int)StatusCode.Unimplemented, ErrorMessage = "Extensions are not supported." };
                break;
        }
        return response;
    }

    // The file and everything it imports, dependencies first, as reflection clients expect.
    private static void Files(global::Grpc.Reflection.V1.ServerReflectionResponse response, FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            response.ErrorResponse = new global::Grpc.Reflection.V1.ErrorResponse { ErrorCode = (int)StatusCode.NotFound, ErrorMessage = notFound };
            return;
        }
        var files = new global::Grpc.Reflection.V1.FileDescriptorResponse();
        files.FileDescriptorProto.AddRange(Closure(file).Reverse().Select(f => f.SerializedData));
        response.FileDescriptorResponse = files;
    }

    private static IEnumerable<FileDescriptor> Closure(FileDescriptor file)
    {
        var seen = new List<FileDescriptor>();
        void Visit(FileDescriptor f)
        {
            if (seen.Contains(f)) return;
            seen.Add(f);
            foreach (var dependency in f.Dependencies) Visit(dependency);
        }
        Visit(file);
        return seen;
    }

    private static bool Declares(FileDescriptor file, string symbol)
    {
        bool InMessage(MessageDescriptor m) => m.FullName == symbol || m.NestedTypes.Any(InMessage) || m.EnumTypes.Any(e => e.FullName == symbol);
        return file.Services.Any(s => s.FullName == symbol || s.Methods.Any(m => m.FullName == symbol))
            || file.MessageTypes.Any(InMessage) || file.EnumTypes.Any(e => e.FullName == symbol);
    }
}
