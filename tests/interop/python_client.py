#!/usr/bin/python3
"""Interop checks of KpiService's gRPC API with the Python grpcio client (Debian python3-grpcio).

Usage: python_client.py ADDRESS API_KEY REPO_ROOT
Prints one line per check: "PASS name" or "FAIL name: why". Exit code 0 unless the script itself breaks.
"""
import glob, os, shutil, sys, tempfile, threading, time

import grpc
from grpc_tools import protoc
from google.protobuf import descriptor_pb2, descriptor_pool
import pkg_resources

address, key, root = sys.argv[1], sys.argv[2], sys.argv[3]
work = tempfile.mkdtemp(prefix="kpi-py-")
include = pkg_resources.resource_filename("grpc_tools", "_proto")
# The kpi.v1 protos compile in their own package (kpi/v1/*_pb2). The standard gRPC and googleapis protos are copied to
# flat names: "grpc" and "google" are already Python packages, and generated modules must not shadow them.
kpi_protos = sorted(os.path.relpath(p, os.path.join(root, "protos")) for p in glob.glob(os.path.join(root, "protos/kpi/v1/*.proto")))
standard = {"grpc/reflection/v1alpha/reflection.proto": "reflection_v1alpha.proto", "grpc/reflection/v1/reflection.proto": "reflection_v1.proto",
            "grpc/health/v1/health.proto": "health.proto", "google/rpc/status.proto": "rpc_status.proto", "google/rpc/error_details.proto": "error_details.proto"}
for source, flat in standard.items():
    shutil.copy(os.path.join(root, "tests/interop/protos", source), os.path.join(work, flat))
for proto in kpi_protos:
    if protoc.main(["protoc", "-I" + os.path.join(root, "protos"), "-I" + include, "--python_out=" + work, "--grpc_python_out=" + work, proto]) != 0:
        print("FAIL protoc: could not compile " + proto); sys.exit(0)
for flat in standard.values():
    if protoc.main(["protoc", "-I" + work, "-I" + include, "--python_out=" + work, "--grpc_python_out=" + work, os.path.join(work, flat)]) != 0:
        print("FAIL protoc: could not compile " + flat); sys.exit(0)
sys.path.insert(0, work)
from kpi.v1 import figures_pb2, figures_pb2_grpc, ratings_pb2, ratings_pb2_grpc, reference_data_pb2, reference_data_pb2_grpc
from kpi.v1 import targets_pb2, targets_pb2_grpc, catalogue_pb2, catalogue_pb2_grpc, measures_pb2
import reflection_v1alpha_pb2, reflection_v1alpha_pb2_grpc, reflection_v1_pb2, reflection_v1_pb2_grpc, health_pb2, health_pb2_grpc
import rpc_status_pb2, error_details_pb2

channel = grpc.insecure_channel(address)
auth = (("x-api-key", key),)
figures = figures_pb2_grpc.FiguresStub(channel)
ratings = ratings_pb2_grpc.RatingsStub(channel)
reference = reference_data_pb2_grpc.ReferenceDataStub(channel)
targets = targets_pb2_grpc.TargetsStub(channel)
catalogue = catalogue_pb2_grpc.CatalogueStub(channel)
KPI_SERVICES = ["kpi.v1.Administration", "kpi.v1.Catalogue", "kpi.v1.Figures", "kpi.v1.Peers", "kpi.v1.Ratings", "kpi.v1.ReferenceData", "kpi.v1.Targets"]
ALL_SERVICES = KPI_SERVICES + ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"]


def check(name, fn):
    try:
        fn()
        print("PASS " + name, flush=True)
    except Exception as e:  # report, do not stop: every check gets its line
        print("FAIL %s: %r" % (name, e), flush=True)


def expect_error(code, call):
    try:
        call()
    except grpc.RpcError as e:
        assert e.code() == code, e.code()
        return e
    raise AssertionError("no error")


def field_violations(error):
    status = rpc_status_pb2.Status.FromString(dict(error.trailing_metadata())["grpc-status-details-bin"])
    bad = error_details_pb2.BadRequest()
    assert status.details[0].Unpack(bad), status.details[0].type_url
    return {v.field for v in bad.field_violations}


def reflection_lists_services():
    stub = reflection_v1alpha_pb2_grpc.ServerReflectionStub(channel)
    answers = list(stub.ServerReflectionInfo(iter([reflection_v1alpha_pb2.ServerReflectionRequest(list_services="*")]), timeout=10))
    names = sorted(s.name for s in answers[0].list_services_response.service)
    assert names == sorted(ALL_SERVICES), names


def reflection_describes_every_service():
    # What a generic tool does (grpcurl, grpc_reflection's descriptor database): list over v1, fetch each service's
    # file with its imports, build a descriptor pool from them alone, and find every method there.
    stub = reflection_v1_pb2_grpc.ServerReflectionStub(channel)
    requests = [reflection_v1_pb2.ServerReflectionRequest(list_services="")] + \
        [reflection_v1_pb2.ServerReflectionRequest(file_containing_symbol=name) for name in KPI_SERVICES]
    answers = list(stub.ServerReflectionInfo(iter(requests), timeout=10))
    assert sorted(s.name for s in answers[0].list_services_response.service) == sorted(ALL_SERVICES)
    files = {}
    for answer in answers[1:]:
        assert answer.WhichOneof("message_response") == "file_descriptor_response", answer
        for raw in answer.file_descriptor_response.file_descriptor_proto:
            proto = descriptor_pb2.FileDescriptorProto.FromString(raw)
            files[proto.name] = proto
    pool, added = descriptor_pool.DescriptorPool(), set()

    def add(name):  # a file goes in after the files it imports, as a descriptor database resolves them
        if name in added:
            return
        for dependency in files[name].dependency:
            add(dependency)
        pool.Add(files[name])
        added.add(name)
    for name in files:
        add(name)
    compiled = {"kpi.v1.Figures": figures_pb2, "kpi.v1.Ratings": ratings_pb2, "kpi.v1.ReferenceData": reference_data_pb2,
                "kpi.v1.Targets": targets_pb2, "kpi.v1.Catalogue": catalogue_pb2}
    for name in KPI_SERVICES:
        service = pool.FindServiceByName(name)
        assert len(service.methods) > 0, name
        if name in compiled:
            ours = compiled[name].DESCRIPTOR.services_by_name[name.split(".")[-1]]
            assert sorted(m.name for m in service.methods) == sorted(m.name for m in ours.methods), name


def health_serving():
    stub = health_pb2_grpc.HealthStub(channel)
    assert stub.Check(health_pb2.HealthCheckRequest(), timeout=10).status == health_pb2.HealthCheckResponse.SERVING
    assert stub.Check(health_pb2.HealthCheckRequest(service="kpi.v1.Ratings"), timeout=10).status == health_pb2.HealthCheckResponse.SERVING


def unauthenticated_without_key():
    expect_error(grpc.StatusCode.UNAUTHENTICATED, lambda: reference.ListMeasures(measures_pb2.ListMeasuresRequest(), timeout=10))


def unary_submit_and_rate():
    answer = figures.SubmitFigure(figures_pb2.SubmitFigureRequest(authority="E10000013", measure="re-referrals", period="2021-09", numerator={"value": 207}, denominator={"value": 967}), metadata=auth, timeout=10)
    assert answer.outcome in ("created", "revised", "unchanged"), answer.outcome
    assert answer.figure.etag, "no etag"
    rating = ratings.GetRating(ratings_pb2.GetRatingRequest(authority="916", measure="re-referrals", period="2021-09"), metadata=auth, timeout=10)
    assert abs(rating.value - 207 / 967 * 100) < 1e-9, rating.value
    assert rating.authority.la_number == 916 and rating.authority.code == "E10000013"


def invalid_argument_with_field_violations():
    error = expect_error(grpc.StatusCode.INVALID_ARGUMENT, lambda: figures.SubmitFigure(figures_pb2.SubmitFigureRequest(
        authority="999", measure="nope", period="2099-01", numerator={"value": 1}, denominator={"value": 2}), metadata=auth, timeout=10))
    fields = field_violations(error)
    assert {"authority", "measure", "period"} <= fields, fields


def as_at_is_strict_iso8601():
    # asAt is read as REST reads it: 12/01/2021 is ambiguous (12 January or 1 December?), so it is refused.
    error = expect_error(grpc.StatusCode.INVALID_ARGUMENT, lambda: figures.GetFigures(figures_pb2.GetFiguresRequest(
        authority="916", measure="re-referrals", as_at="12/01/2021"), metadata=auth, timeout=10))
    assert field_violations(error) == {"asAt"}, field_violations(error)
    series = figures.GetFigures(figures_pb2.GetFiguresRequest(authority="916", measure="re-referrals", as_at="2000-01-01T00:00:00Z"), metadata=auth, timeout=10)
    assert len(series.figures) == 0, series.figures


def deadline_exceeded():
    try:
        for _ in ratings.WatchRatings(ratings_pb2.WatchRatingsRequest(authorities=["841"]), metadata=auth, timeout=0.5):
            pass
        raise AssertionError("the stream ended without a deadline")
    except grpc.RpcError as e:
        assert e.code() == grpc.StatusCode.DEADLINE_EXCEEDED, e.code()


def watch_ratings_streams_updates():
    stream = ratings.WatchRatings(ratings_pb2.WatchRatingsRequest(authorities=["E10000013"], measures=["re-referrals"]), metadata=auth, timeout=20)
    stream.initial_metadata()  # the watch is live
    got = {}

    def read():
        # An earlier change can still be on its way when the watch starts: wait for the one made here.
        for update in stream:
            if update.rating.period == "2021-08":
                got["update"], got["at"] = update, time.monotonic()
                return

    reader = threading.Thread(target=read)
    reader.start()
    changed = time.monotonic()
    figures.SubmitFigure(figures_pb2.SubmitFigureRequest(authority="916", measure="re-referrals", period="2021-08", numerator={"value": 100 + int(time.time()) % 500}, denominator={"value": 640}), metadata=auth, timeout=10)
    reader.join(10)
    stream.cancel()
    assert "update" in got, "no update within 10 s"
    latency = got["at"] - changed
    print("INFO watch latency %.3f s" % latency)
    # Functional, not a speed test (speed is ./bench.sh's): a busy CI machine must not fail it; a lost wake-up would.
    assert latency < 5.0, latency


def scorecard():
    card = ratings.GetScorecard(ratings_pb2.GetScorecardRequest(authority="916", period="2021-09"), metadata=auth, timeout=10)
    assert card.summary.green + card.summary.amber + card.summary.red + card.summary.unrated >= 1
    assert any(area.area == "Front door" for area in card.areas)


def gzip_both_ways():
    # The request goes out gzip-compressed; grpcio offers gzip, so the reply may come back compressed too.
    answer = reference.ListAuthorities(reference_data_pb2.ListAuthoritiesRequest(), metadata=auth, timeout=10, compression=grpc.Compression.Gzip)
    assert len(answer.authorities) > 150, len(answer.authorities)


def targets_and_catalogue():
    rule = targets_pb2.RuleDefinition(target={"value": 22.5}, tolerance={"value": 2.5}, labels={"amber": "Yellow"})
    set_ = targets.SetTarget(targets_pb2.SetTargetRequest(authority="916", measure="re-referrals", from_period="2021-04", rule=rule), metadata=auth, timeout=10)
    assert set_.etag and set_.target.rule == "targetAndTolerance", set_
    history = targets.GetTargets(targets_pb2.GetTargetsRequest(authority="E10000013", measure="re-referrals", period="2021-09"), metadata=auth, timeout=10)
    assert history.in_force.target.value == 22.5 and history.etag == set_.etag, history
    named = catalogue.SetLocalName(catalogue_pb2.SetLocalNameRequest(authority="916", measure="re-referrals", code="FD 3", title="Re-referrals in 12 months"), metadata=auth, timeout=10)
    assert named.catalogue.local_names["re-referrals"].code == "FD 3", named
    stale = expect_error(grpc.StatusCode.FAILED_PRECONDITION, lambda: catalogue.SetLocalName(catalogue_pb2.SetLocalNameRequest(
        authority="916", measure="re-referrals", code="FD 4", if_match='"stale"'), metadata=auth, timeout=10))
    assert stale.details(), "no message"


for name, fn in [
    ("reflection_lists_services", reflection_lists_services),
    ("reflection_describes_every_service", reflection_describes_every_service),
    ("health_serving", health_serving),
    ("unauthenticated_without_key", unauthenticated_without_key),
    ("unary_submit_and_rate", unary_submit_and_rate),
    ("invalid_argument_with_field_violations", invalid_argument_with_field_violations),
    ("as_at_is_strict_iso8601", as_at_is_strict_iso8601),
    ("deadline_exceeded", deadline_exceeded),
    ("watch_ratings_streams_updates", watch_ratings_streams_updates),
    ("scorecard", scorecard),
    ("gzip_both_ways", gzip_both_ways),
    ("targets_and_catalogue", targets_and_catalogue),
]:
    check(name, fn)
shutil.rmtree(work, ignore_errors=True)
