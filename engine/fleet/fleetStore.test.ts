/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { FLEET_FORMAT_VERSION, FleetShape, hourlyForTraining, trainFleetModel } from './fleetModel';
import { fleetDir, loadFleetModel, saveFleetModel } from './fleetStore';
import { weeklyFleet } from './testFleet';

const SHAPE: FleetShape = { inputHours: 48, outputHours: 12, hidden: 8 };
const TRAINING = { maxWindows: 200, maxEpochs: 2, budgetMs: 10_000, batchSize: 32, learningRate: 1e-3, seed: 3 };

async function smallModel() {
  const fleet = weeklyFleet(5, 100, 1).map((s) => hourlyForTraining(s.timestamps, s.values, 3_600_000, 1)!);
  return (await trainFleetModel(fleet, SHAPE, TRAINING, undefined, 1234)).model;
}

describe('fleet model files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ecoti-fleet-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads back the weights and manifest it saved, leaving one weights file', async () => {
    const model = await smallModel();
    saveFleetModel(dir, 'power', model);
    saveFleetModel(dir, 'power', { ...model, weights: model.weights.map((w) => w.map((x) => x + 1)) });
    const loaded = loadFleetModel(dir, 'power', SHAPE);
    expect(loaded.status).toBe('ok');
    if (loaded.status === 'ok') {
      expect(loaded.model.manifest).toEqual(model.manifest);
      expect(Array.from(loaded.model.weights[0])).toEqual(Array.from(model.weights[0].map((x) => x + 1)));
    }
    expect(readdirSync(fleetDir(dir)).filter((n) => n.endsWith('.weights'))).toHaveLength(1);
    expect(loadFleetModel(dir, 'other', SHAPE).status).toBe('missing');
  });

  it('sets aside a corrupt manifest, then finds nothing to load (the model is rebuilt)', async () => {
    saveFleetModel(dir, 'power', await smallModel());
    writeFileSync(join(fleetDir(dir), 'power.manifest.json'), '{"format": "ecoti-fleet-mo');
    const r = loadFleetModel(dir, 'power', SHAPE, 99);
    expect(r).toMatchObject({
      status: 'corrupt',
      movedTo: expect.stringMatching(/power\.manifest\.json\.corrupt-99$/),
    });
    expect(loadFleetModel(dir, 'power', SHAPE).status).toBe('missing');
  });

  it('refuses weights that do not match the checksum', async () => {
    saveFleetModel(dir, 'power', await smallModel());
    const file = readdirSync(fleetDir(dir)).find((n) => n.endsWith('.weights'))!;
    const bytes = readFileSync(join(fleetDir(dir), file));
    bytes[10] ^= 0xff;
    writeFileSync(join(fleetDir(dir), file), bytes);
    expect(loadFleetModel(dir, 'power', SHAPE)).toMatchObject({
      status: 'corrupt',
      reason: expect.stringMatching(/checksum/),
    });
  });

  it('sets aside a model of another format version or shape', async () => {
    saveFleetModel(dir, 'power', await smallModel());
    const path = join(fleetDir(dir), 'power.manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...manifest, version: FLEET_FORMAT_VERSION + 1 }));
    expect(loadFleetModel(dir, 'power', SHAPE)).toMatchObject({
      status: 'incompatible',
      reason: expect.stringMatching(/version/),
    });
    saveFleetModel(dir, 'power', await smallModel());
    expect(loadFleetModel(dir, 'power', { ...SHAPE, hidden: 16 })).toMatchObject({ status: 'incompatible' });
  });
});
