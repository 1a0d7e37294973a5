#!/usr/bin/python3
"""Interop checks of KpiService's gRPC API with the Python grpcio client (Debian python3-grpcio).

Usage: python_client.py ADDRESS API_KEY REPO_ROOT
Prints one line per check: "PASS name" or "FAIL name: why". Exit code 0 unless the script itself breaks.
"""
import os, shutil, sys, tempfile, threading, time

import grpc
from grpc_tools import protoc
import pkg_resources

address, key, root = sys.argv[1], sys.argv[2], sys.argv[3]
work = tempfile.mkdtemp(prefix="kpi-py-")
# Copied to flat names: "grpc" and "google" are already Python packages, generated modules must not shadow them.
shutil.copy(os.path.join(root, "protos/kpi/v1/kpi.proto"), os.path.join(work, "kpi.proto"))
shutil.copy(os.path.join(root, "src/KpiService.Grpc/Protos/grpc/reflection/v1alpha/reflection.proto"), os.path.join(work, "reflection_v1alpha.proto"))
shutil.copy(os.path.join(root, "src/KpiService.Grpc/Protos/grpc/health/v1/health.proto"), os.path.join(work, "health.proto"))
shutil.copy(os.path.join(root, "src/KpiService.Grpc/Protos/google/rpc/status.proto"), os.path.join(work, "rpc_status.proto"))
include = pkg_resources.resource_filename("grpc_tools", "_proto")
for proto in ["kpi.proto", "reflection_v1alpha.proto", "health.proto", "rpc_status.proto"]:
    if protoc.main(["protoc", "-I" + work, "-I" + include, "--python_out=" + work, "--grpc_python_out=" + work, os.path.join(work, proto)]) != 0:
        print("FAIL protoc: could not compile " + proto); sys.exit(0)
sys.path.insert(0, work)
import kpi_pb2, kpi_pb2_grpc, reflection_v1alpha_pb2, reflection_v1alpha_pb2_grpc, health_pb2, health_pb2_grpc, rpc_status_pb2

channel = grpc.insecure_channel(address)
auth = (("x-api-key", key),)
figures = kpi_pb2_grpc.FiguresStub(channel)
ratings = kpi_pb2_grpc.RatingsStub(channel)
reference = kpi_pb2_grpc.ReferenceDataStub(channel)


def check(name, fn):
    try:
        fn()
        print("PASS " + name, flush=True)
    except Exception as e:  # report, do not stop: every check gets its line
        print("FAIL %s: %r" % (name, e), flush=True)


def reflection_lists_services():
    stub = reflection_v1alpha_pb2_grpc.ServerReflectionStub(channel)
    answers = list(stub.ServerReflectionInfo(iter([reflection_v1alpha_pb2.ServerReflectionRequest(list_services="*")]), timeout=10))
    names = {s.name for s in answers[0].list_services_response.service}
    for wanted in ["kpi.v1.Figures", "kpi.v1.Ratings", "kpi.v1.Peers", "kpi.v1.ReferenceData", "grpc.health.v1.Health"]:
        assert wanted in names, "%s missing from %s" % (wanted, names)


def health_serving():
    status = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=10).status
    assert status == health_pb2.HealthCheckResponse.SERVING, status


def unauthenticated_without_key():
    try:
        reference.ListMeasures(kpi_pb2.ListMeasuresRequest(), timeout=10)
        raise AssertionError("no error")
    except grpc.RpcError as e:
        assert e.code() == grpc.StatusCode.UNAUTHENTICATED, e.code()


def unary_submit_and_rate():
    answer = figures.SubmitFigure(kpi_pb2.SubmitFigureRequest(authority="E10000013", measure="re-referrals", period="2021-09", numerator={"value": 207}, denominator={"value": 967}), metadata=auth, timeout=10)
    assert answer.outcome in ("created", "revised", "unchanged"), answer.outcome
    rating = ratings.GetRating(kpi_pb2.GetRatingRequest(authority="916", measure="re-referrals", period="2021-09"), metadata=auth, timeout=10)
    assert abs(rating.value - 207 / 967 * 100) < 1e-9, rating.value
    assert rating.authority.la_number == 916 and rating.authority.code == "E10000013"


def invalid_argument_with_field_violations():
    try:
        figures.SubmitFigure(kpi_pb2.SubmitFigureRequest(authority="999", measure="nope", period="2099-01", numerator={"value": 1}, denominator={"value": 2}), metadata=auth, timeout=10)
        raise AssertionError("no error")
    except grpc.RpcError as e:
        assert e.code() == grpc.StatusCode.INVALID_ARGUMENT, e.code()
        details = dict(e.trailing_metadata()).get("grpc-status-details-bin")
        status = rpc_status_pb2.Status.FromString(details)
        bad = rpc_status_pb2.BadRequest()
        assert status.details[0].Unpack(bad)
        fields = {v.field for v in bad.field_violations}
        assert {"authority", "measure", "period"} <= fields, fields


def deadline_exceeded():
    try:
        for _ in ratings.WatchRatings(kpi_pb2.WatchRatingsRequest(authorities=["841"]), metadata=auth, timeout=0.5):
            pass
        raise AssertionError("the stream ended without a deadline")
    except grpc.RpcError as e:
        assert e.code() == grpc.StatusCode.DEADLINE_EXCEEDED, e.code()


def watch_ratings_streams_updates():
    stream = ratings.WatchRatings(kpi_pb2.WatchRatingsRequest(authorities=["E10000013"], measures=["re-referrals"]), metadata=auth, timeout=20)
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
    figures.SubmitFigure(kpi_pb2.SubmitFigureRequest(authority="916", measure="re-referrals", period="2021-08", numerator={"value": 100 + int(time.time()) % 500}, denominator={"value": 640}), metadata=auth, timeout=10)
    reader.join(10)
    stream.cancel()
    assert "update" in got, "no update within 10 s"
    assert got["update"].rating.period == "2021-08", got["update"].rating.period
    latency = got["at"] - changed
    print("INFO watch latency %.3f s" % latency)
    assert latency < 1.0, latency


def scorecard():
    card = ratings.GetScorecard(kpi_pb2.GetScorecardRequest(authority="916", period="2021-09"), metadata=auth, timeout=10)
    assert card.summary.green + card.summary.amber + card.summary.red + card.summary.unrated >= 1
    assert any(area.area == "Front door" for area in card.areas)


for name, fn in [
    ("reflection_lists_services", reflection_lists_services),
    ("health_serving", health_serving),
    ("unauthenticated_without_key", unauthenticated_without_key),
    ("unary_submit_and_rate", unary_submit_and_rate),
    ("invalid_argument_with_field_violations", invalid_argument_with_field_violations),
    ("deadline_exceeded", deadline_exceeded),
    ("watch_ratings_streams_updates", watch_ratings_streams_updates),
    ("scorecard", scorecard),
]:
    check(name, fn)
shutil.rmtree(work, ignore_errors=True)
