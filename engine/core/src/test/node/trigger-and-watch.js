// Usage: node trigger-and-watch.js <host:port> <bearer token> <proto root> <workflow> <input json>
// Triggers a run over cairn.v1.RunService and prints each event of its stream as one JSON line, then "END".
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const path = require('path');

const [target, token, protoRoot, workflow, inputJson] = process.argv.slice(2);
const definition = protoLoader.loadSync(path.join(protoRoot, 'cairn/v1/run_service.proto'), {
  includeDirs: [protoRoot], keepCase: true, longs: String, enums: String, defaults: true,
});
const cairn = grpc.loadPackageDefinition(definition).cairn.v1;
const client = new cairn.RunService(target, grpc.credentials.createInsecure());
const metadata = new grpc.Metadata();
metadata.add('authorization', 'Bearer ' + token);

client.Trigger({ workflow_name: workflow, input_json: inputJson }, metadata, (error, response) => {
  if (error) {
    console.error('trigger failed: ' + error.code + ' ' + error.details);
    process.exit(2);
  }
  console.log(JSON.stringify({ run_id: response.run_id }));
  const stream = client.WatchRun({ run_id: response.run_id, after_seq: 0 }, metadata);
  stream.on('data', (event) => console.log(JSON.stringify({ seq: event.seq, type: event.type, step: event.step_name })));
  stream.on('error', (e) => { console.error('stream failed: ' + e.code + ' ' + e.details); process.exit(3); });
  stream.on('end', () => { console.log('END'); process.exit(0); });
});
