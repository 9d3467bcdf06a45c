// The engine's configuration: the schema (configSchema.ts) validated at start-up, with errors that name the
// setting, environment expansion, and targets resolved to milliseconds.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { didYouMean } from './ml';
import { parseDuration } from './duration';
import { configSchema } from './configSchema';

export { configSchema, DURATION_BOUNDS, forecastUnit, isEnergyKind, ms } from './configSchema';
export { TARGET_KINDS, type TargetKind } from '../src/shared/predictedAlertContract';

export type EngineConfigInput = z.input<typeof configSchema>;
export type EngineConfig = z.output<typeof configSchema>;
export type TargetConfig = EngineConfig['targets'][number];

/** A target with its durations in milliseconds and training settings resolved. */
export interface ResolvedTarget extends TargetConfig {
  horizonsMs: number[];
  stepMs: number;
  windowMs: number;
  trainingMethod: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates a parsed config object; throws ConfigError listing every problem with its path. */
export function parseConfig(raw: unknown, source = 'config'): EngineConfig {
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.flatMap((i) => {
      if (i.code === 'unrecognized_keys') {
        // One line per unknown key, with its full path and the nearest known key.
        const known = keysAt(configSchema, i.path);
        return i.keys.map((k) => `  - ${[...i.path, k].join('.')}: unknown key${didYouMean(k, known)}`);
      }
      return [`  - ${i.path.join('.') || '(top level)'}: ${i.message}`];
    });
    throw new ConfigError(`invalid engine configuration in ${source}:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The keys the schema knows for the object at `path` (through defaults, optionals and arrays). */
function keysAt(schema: z.ZodType, path: PropertyKey[]): string[] {
  const unwrap = (t: z.ZodType | undefined): z.ZodType | undefined => {
    while (t instanceof z.ZodDefault || t instanceof z.ZodPrefault || t instanceof z.ZodOptional) {
      t = t.unwrap() as z.ZodType;
    }
    return t;
  };
  let at = unwrap(schema);
  for (const segment of path) {
    if (at instanceof z.ZodObject) {
      at = unwrap((at.shape as Record<PropertyKey, z.ZodType>)[segment]);
    } else if (at instanceof z.ZodArray) {
      at = unwrap(at.element as z.ZodType);
    } else {
      return [];
    }
  }
  return at instanceof z.ZodObject ? Object.keys(at.shape) : [];
}

/**
 * Replaces `${NAME}` and `${NAME:-default}` with environment variables, so one file serves a laptop and a
 * container (e.g. `url: ${PROMETHEUS_URL:-http://localhost:9090}`). An unset variable without a default is an error.
 */
export function expandEnv(text: string, env: Record<string, string | undefined>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
    (_m, name: string, fallback: string | undefined) => {
      const value = env[name];
      if (value !== undefined && value !== '') {
        return value;
      }
      if (fallback !== undefined) {
        return fallback;
      }
      throw new ConfigError(
        `the engine configuration uses \${${name}}, which is not set (give a default with \${${name}:-value})`
      );
    }
  );
}

/** Reads a YAML or JSON file (with ${ENV} substitution) and validates it. */
export function loadConfigFile(path: string): EngineConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read engine configuration ${path}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(expandEnv(text, process.env));
  } catch (e) {
    if (e instanceof ConfigError) {
      throw e;
    }
    throw new ConfigError(`engine configuration ${path} is not valid YAML/JSON: ${(e as Error).message}`);
  }
  return parseConfig(raw, path);
}

export function resolveTarget(t: TargetConfig, training: EngineConfig['training']): ResolvedTarget {
  const horizonsMs = t.horizons.map((h) => parseDuration(h) as number);
  return {
    ...t,
    horizonsMs,
    stepMs: parseDuration(t.step ?? training.step) as number,
    windowMs: parseDuration(t.window ?? training.window) as number,
    trainingMethod: t.method ?? training.method,
  };
}
