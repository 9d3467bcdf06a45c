// Credentials written into prometheus.url (https://user:pass@host/) are a common way to configure basic auth, but
// fetch refuses such URLs and the URL is printed in logs and errors: split them into a header and a safe URL.
export interface SplitPrometheusUrl {
  /** The URL without user info: safe to log and to put in error messages. */
  url: string;
  /** `Authorization: Basic …` built from the user info, when there was any. */
  authorization?: string;
}

export function splitPrometheusUrl(raw: string): SplitPrometheusUrl {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return { url: raw };
  }
  if (parsed.username === '' && parsed.password === '') {
    return { url: raw };
  }
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  return {
    url: parsed.toString().replace(/\/$/, raw.endsWith('/') ? '/' : ''),
    authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
  };
}
