// `npm run test:virtuoso`: starts Virtuoso 7 on loopback with a private
// database, then runs the given vitest arguments with the endpoint pointed at it
// (SPARQL_ENDPOINT and the Graph Store settings), and stops it afterwards.
import { spawn } from 'node:child_process';
import { startVirtuoso } from './virtuoso-server.js';

const virtuoso = await startVirtuoso();
console.error(`Virtuoso is answering at ${virtuoso.sparqlUrl}`);
let code = 1;
try {
  const child = spawn('npx', ['vitest', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: {
      ...process.env,
      SPARQL_ENGINE: 'external',
      SPARQL_ENDPOINT: virtuoso.sparqlUrl,
      SPARQL_GRAPH_STORE: virtuoso.graphStoreUrl,
      SPARQL_GRAPH_STORE_USER: virtuoso.user,
      SPARQL_GRAPH_STORE_PASSWORD: virtuoso.password,
    },
  });
  code = await new Promise<number>((resolve) => child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
} finally {
  await virtuoso.stop();
}
process.exitCode = code;
