// Validates request bodies against Grafana's published API spec (a verbatim fragment of public/api-merged.json,
// provisionedAlertRule.schema.json, with its source commit), so that a missing or mistyped field fails a test
// here rather than a user's click in Grafana.
import Ajv from 'ajv';
import spec from './provisionedAlertRule.schema.json';

const SPEC_ID = 'grafana-api-merged';

const ajv = new Ajv({ allErrors: true, schemaId: 'auto' });
// Swagger's formats, checked as Grafana reads them rather than ignored: int64 is a whole number, `for` a
// Prometheus duration (Grafana parses it with prometheus/common's ParseDuration).
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
ajv.addFormat('duration', /^(?=\d)((\d+)y)?((\d+)w)?((\d+)d)?((\d+)h)?((\d+)m)?((\d+)s)?((\d+)ms)?$/);
ajv.addSchema({ ...spec, $id: SPEC_ID }, SPEC_ID);

const validateRule = ajv.compile({ $ref: `${SPEC_ID}#/definitions/ProvisionedAlertRule` });

/** The spec's complaints about a POST /api/v1/provisioning/alert-rules body, as "path: message"; empty when valid. */
export function provisionedAlertRuleProblems(body: unknown): string[] {
  return validateRule(body) ? [] : (validateRule.errors ?? []).map((e) => `${e.dataPath || '(body)'}: ${e.message}`);
}

/** The headers the spec declares for the operation (X-Disable-Provenance). */
export const POST_RULE_HEADERS = spec.paths['/v1/provisioning/alert-rules'].post.parameters
  .filter((p) => p.in === 'header')
  .map((p) => p.name);
