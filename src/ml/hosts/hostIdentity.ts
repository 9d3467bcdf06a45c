// Which machine a series is about, from its labels: the one definition the plugin and the engine group
// CPU, power and temperature series by, so that both find the same hosts and sensors.

/** Labels collectors name a machine with, most specific first (node_exporter, IPMI, Kubernetes, Telegraf). */
export const DEFAULT_HOST_LABELS: readonly string[] = Object.freeze([
  'instance',
  'host',
  'hostname',
  'node',
  'nodename',
]);

/**
 * A label value without its port: Prometheus' `instance` is host:port, and node_exporter (:9100) and the IPMI
 * exporter (:9290) on one machine must meet. IPv6 keeps its colons; only a trailing :port after a name,
 * an IPv4 address or a bracketed IPv6 address goes.
 */
export function withoutPort(value: string): string {
  const m = /^(\[[^\]]*\]|[^:]*):\d+$/.exec(value);
  return m ? m[1] : value;
}

/**
 * The host a series belongs to: the first of `hostLabels` it carries, port stripped; undefined when it carries
 * none (a rack or site series), so the caller can name it otherwise.
 */
export function hostName(
  labels: Readonly<Record<string, string>>,
  hostLabels: readonly string[] = DEFAULT_HOST_LABELS
): string | undefined {
  for (const l of hostLabels) {
    const v = labels[l];
    if (v) {
      return withoutPort(v);
    }
  }
  return undefined;
}

/**
 * The name of a temperature sensor: its rack or sensor label, else its host and the sensor's `name` label
 * (IPMI's "Inlet Temp"), else `fallback` (the series' own name).
 */
export function sensorName(
  labels: Readonly<Record<string, string>>,
  fallback: string,
  hostLabels: readonly string[] = DEFAULT_HOST_LABELS
): string {
  if (labels.rack) {
    return labels.rack;
  }
  if (labels.sensor) {
    return labels.sensor;
  }
  const host = hostName(labels, hostLabels);
  if (host === undefined) {
    return fallback;
  }
  return labels.name ? `${host} ${labels.name}` : host;
}
