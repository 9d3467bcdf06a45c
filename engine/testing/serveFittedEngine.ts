// A fitted engine's HTTP server in a process of its own (the fuzz test's subject: a crash is an exit code, not a
// failed assertion in the test's own process). Bearer auth from ECOTI_TEST_TOKEN when set; prints {"port":n}.
import { requiredCredentials } from '../auth';
import { registerSeriesMetrics } from '../exported';
import { Logger } from '../log';
import { startEngineServer } from '../server';
import { fittedEngine } from './fittedEngine';

async function main(): Promise<void> {
  const engine = fittedEngine({ racks: 3, inlets: 2 });
  registerSeriesMetrics(engine);
  const token = process.env.ECOTI_TEST_TOKEN;
  const server = await startEngineServer(engine, {
    host: '127.0.0.1',
    port: 0,
    credentials: requiredCredentials(token ? { bearerToken: token } : undefined),
    log: new Logger('error'),
  });
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

main().catch((e: Error) => {
  process.stderr.write(`serveFittedEngine: ${e.stack}\n`);
  process.exit(1);
});
