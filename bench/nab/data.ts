// Loads the NAB subset shared beside the repo (never copied into it): values, timestamps, windows, profiles.
import fs from 'fs';
import path from 'path';

import { SHARED_DATASETS } from '../datasets';
import { NabFileLabels, NabProfile } from './scorer';

export const NAB_DIR = path.join(SHARED_DATASETS, 'NAB');

export interface NabFile extends NabFileLabels {
  timestamps: Float64Array;
  values: Float64Array;
}

export type NabProfileName = 'standard' | 'reward_low_FP_rate' | 'reward_low_FN_rate';
export const NAB_PROFILE_NAMES: NabProfileName[] = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'];

/** NAB writes times as "2014-02-19 10:50:00[.000000]", in UTC. */
export function parseNabTime(s: string): number {
  return Date.parse(s.trim().slice(0, 19).replace(' ', 'T') + 'Z');
}

export function nabAvailable(): boolean {
  return fs.existsSync(path.join(NAB_DIR, 'labels', 'combined_windows.json'));
}

/** Every labelled file, sorted by name, with windows mapped to inclusive row ranges. */
export function loadNabCorpus(dir = NAB_DIR): NabFile[] {
  const windowsByFile: Record<string, Array<[string, string]>> = JSON.parse(
    fs.readFileSync(path.join(dir, 'labels', 'combined_windows.json'), 'utf8')
  );
  return Object.keys(windowsByFile)
    .sort()
    .map((name) => {
      const lines = fs.readFileSync(path.join(dir, 'data', name), 'utf8').split(/\r?\n/);
      const timestamps: number[] = [];
      const values: number[] = [];
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i];
        if (line.trim() === '') {
          continue;
        }
        const comma = line.indexOf(',');
        timestamps.push(parseNabTime(line.slice(0, comma)));
        values.push(Number(line.slice(comma + 1)));
      }
      const windows: Array<[number, number]> = [];
      for (const [a, b] of windowsByFile[name]) {
        const ta = parseNabTime(a);
        const tb = parseNabTime(b);
        let first = -1;
        let last = -1;
        for (let i = 0; i < timestamps.length; i++) {
          if (timestamps[i] >= ta && timestamps[i] <= tb) {
            if (first < 0) {
              first = i;
            }
            last = i;
          }
        }
        if (first >= 0) {
          windows.push([first, last]);
        }
      }
      return {
        name,
        length: values.length,
        windows,
        timestamps: Float64Array.from(timestamps),
        values: Float64Array.from(values),
      };
    });
}

export function loadNabProfiles(dir = NAB_DIR): Record<NabProfileName, NabProfile> {
  const raw = JSON.parse(fs.readFileSync(path.join(dir, 'config', 'profiles.json'), 'utf8'));
  const out = {} as Record<NabProfileName, NabProfile>;
  for (const name of NAB_PROFILE_NAMES) {
    const c = raw[name].CostMatrix;
    out[name] = { tpWeight: c.tpWeight, fpWeight: c.fpWeight, fnWeight: c.fnWeight };
  }
  return out;
}

/** Check detector: 1 on every row whose index is a multiple of 500. */
export function every500Detector(f: NabFileLabels): Float64Array {
  const s = new Float64Array(f.length);
  for (let i = 0; i < f.length; i += 500) {
    s[i] = 1;
  }
  return s;
}

/** Check detector: 1 on the first row of each window (a perfect detector). */
export function windowStartDetector(f: NabFileLabels): Float64Array {
  const s = new Float64Array(f.length);
  for (const [first] of f.windows) {
    s[first] = 1;
  }
  return s;
}
