// Interop checks of KpiService's gRPC API with Node's @grpc/grpc-js (npm).
// Usage: node node_client.js ADDRESS API_KEY REPO_ROOT — prints "PASS name" or "FAIL name: why" per check.
'use strict';
const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const loader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const [address, key, root] = process.argv.slice(2);
// The standard gRPC and googleapis protos (health, reflection, google.rpc) are kept beside this script.
const grpcProtos = path.join(__dirname, 'protos');
const options = { keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true, includeDirs: [path.join(root, 'protos'), grpcProtos] };
const kpiFiles = fs.readdirSync(path.join(root, 'protos/kpi/v1')).filter((f) => f.endsWith('.proto')).map((f) => `kpi/v1/${f}`);
const kpi = grpc.loadPackageDefinition(loader.loadSync(kpiFiles, options)).kpi.v1;
const reflection = grpc.loadPackageDefinition(loader.loadSync('grpc/reflection/v1alpha/reflection.proto', options)).grpc.reflection.v1alpha;
const health = grpc.loadPackageDefinition(loader.loadSync('grpc/health/v1/health.proto', options)).grpc.health.v1;

const credentials = grpc.credentials.createInsecure();
const figures = new kpi.Figures(address, credentials);
const ratings = new kpi.Ratings(address, credentials);
const reference = new kpi.ReferenceData(address, credentials);
const catalogue = new kpi.Catalogue(address, credentials);
const auth = () => { const m = new grpc.Metadata(); m.set('x-api-key', key); return m; };
const deadline = (seconds) => ({ deadline: new Date(Date.now() + seconds * 1000) });
const unary = (client, method, request, metadata, seconds = 10) =>
  new Promise((resolve, reject) => client[method](request, metadata, deadline(seconds), (error, response) => (error ? reject(error) : resolve(response))));
const assert = (condition, message) => { if (!condition) throw new Error(message); };

async function check(name, fn) {
  try { await fn(); console.log(`PASS ${name}`); } catch (e) { console.log(`FAIL ${name}: ${e.message || e}`); }
}

async function main() {
  await check('reflection_lists_services', () => new Promise((resolve, reject) => {
    const call = new reflection.ServerReflection(address, credentials).ServerReflectionInfo();
    call.on('data', (answer) => {
      const names = answer.listServicesResponse.service.map((s) => s.name);
      call.end();
      const wanted = ['kpi.v1.Administration', 'kpi.v1.Catalogue', 'kpi.v1.Figures', 'kpi.v1.Peers', 'kpi.v1.Ratings', 'kpi.v1.ReferenceData', 'kpi.v1.Targets',
        'grpc.health.v1.Health', 'grpc.reflection.v1.ServerReflection', 'grpc.reflection.v1alpha.ServerReflection'];
      try { assert(JSON.stringify([...names].sort()) === JSON.stringify([...wanted].sort()), JSON.stringify(names)); resolve(); } catch (e) { reject(e); }
    });
    call.on('error', reject);
    call.write({ listServices: '*' });
  }));

  await check('health_serving', async () => {
    const answer = await unary(new health.Health(address, credentials), 'Check', {}, new grpc.Metadata());
    assert(answer.status === 'SERVING', answer.status);
  });

  await check('unauthenticated_without_key', async () => {
    try { await unary(reference, 'ListMeasures', {}, new grpc.Metadata()); throw new Error('no error'); } catch (e) { assert(e.code === grpc.status.UNAUTHENTICATED, `code ${e.code}`); }
  });

  await check('unary_submit_and_rate', async () => {
    await unary(figures, 'SubmitFigure', { authority: '841', measure: 'children-entering-care', period: '2021-06', value: { value: 9 } }, auth());
    const rating = await unary(ratings, 'GetRating', { authority: 'E06000005', measure: 'children-entering-care', period: '2021-06' }, auth());
    assert(rating.value === 9, rating.value);
    assert(rating.status === 'unrated', rating.status);
  });

  await check('invalid_argument_with_field_violations', async () => {
    try {
      await unary(figures, 'SubmitFigure', { authority: '841', measure: 're-referrals', period: '2021-13', numerator: { value: 9 }, denominator: { value: 5 } }, auth());
      throw new Error('no error');
    } catch (e) {
      assert(e.code === grpc.status.INVALID_ARGUMENT, `code ${e.code}`);
      const bytes = e.metadata.get('grpc-status-details-bin')[0];
      const types = protobuf.loadSync([path.join(grpcProtos, 'google/rpc/status.proto'), path.join(grpcProtos, 'google/rpc/error_details.proto')]);
      const status = types.lookupType('google.rpc.Status').decode(bytes);
      const typeUrl = status.details[0].typeUrl || status.details[0].type_url;
      assert(typeUrl === 'type.googleapis.com/google.rpc.BadRequest', typeUrl);
      const bad = types.lookupType('google.rpc.BadRequest').decode(status.details[0].value);
      const fields = bad.fieldViolations.map((v) => v.field);
      assert(fields.includes('period'), JSON.stringify(fields));
    }
  });

  await check('deadline_exceeded', () => new Promise((resolve, reject) => {
    const call = ratings.WatchRatings({ authorities: ['841'] }, auth(), deadline(0.5));
    call.on('data', () => {});
    call.on('error', (e) => (e.code === grpc.status.DEADLINE_EXCEEDED ? resolve() : reject(new Error(`code ${e.code}`))));
    call.on('end', () => reject(new Error('ended without a deadline')));
  }));

  await check('watch_ratings_streams_updates', () => new Promise((resolve, reject) => {
    const call = ratings.WatchRatings({ authorities: ['841'], measures: ['children-entering-care'] }, auth(), deadline(20));
    let changedAt = 0;
    call.on('metadata', async () => {
      changedAt = Date.now();
      try { await unary(figures, 'SubmitFigure', { authority: '841', measure: 'children-entering-care', period: '2021-07', value: { value: 1 + (Date.now() % 1000) } }, auth()); } catch (e) { reject(e); }
    });
    call.on('data', (update) => {
      if (update.rating.period !== '2021-07') return; // an earlier change still on its way: wait for ours
      const latency = Date.now() - changedAt;
      console.log(`INFO watch latency ${latency} ms`);
      call.cancel();
      if (update.rating.period !== '2021-07') reject(new Error(update.rating.period));
      // functional, not a speed test (speed is ./bench.sh's): a busy CI machine must not fail it, a lost wake-up would
      else if (latency >= 5000) reject(new Error(`latency ${latency} ms`));
      else resolve();
    });
    call.on('error', (e) => { if (e.code !== grpc.status.CANCELLED) reject(e); });
  }));

  await check('scorecard', async () => {
    const card = await unary(ratings, 'GetScorecard', { authority: '841', period: '2021-06' }, auth());
    assert(card.areas.length >= 1, 'no areas');
  });

  await check('gzip_both_ways', async () => {
    // grpc-js compresses this call's request with gzip, and accepts a gzip reply.
    const client = new kpi.ReferenceData(address, credentials, { 'grpc.default_compression_algorithm': 2 });
    const answer = await unary(client, 'ListAuthorities', {}, auth());
    assert(answer.authorities.length > 150, answer.authorities.length);
  });

  await check('schedule_and_commentary', async () => {
    const schedule = await unary(catalogue, 'SetSchedule', { authority: '841', entries: [{ measure: 'children-entering-care', frequency: 'monthly', dueWorkingDay: { value: 10 } }] }, auth());
    assert(schedule.schedule.entries[0].dueWorkingDay.value === 10, JSON.stringify(schedule));
    const written = await unary(catalogue, 'WriteCommentary', { authority: '841', measure: 'children-entering-care', period: '2021-06', text: 'Two sibling groups entered care.' }, auth());
    assert(written.commentary.current.text === 'Two sibling groups entered care.', JSON.stringify(written));
    const read = await unary(catalogue, 'GetCommentary', { authority: 'E06000005', measure: 'children-entering-care', period: '2021-06' }, auth());
    assert(read.commentary.etag === written.commentary.etag && read.commentary.revisions.length >= 1, JSON.stringify(read));
  });
  process.exit(0);
}

main();
