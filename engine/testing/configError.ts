// The engine configuration's refusals as the tests read them: the message, or '' when the configuration parses.
import { ConfigError, parseConfig } from '../config';

/** The message of the ConfigError parseConfig throws for `raw` ('' if it parses); any other error fails the test. */
export function configErrorOf(raw: unknown, source?: string): string {
  try {
    parseConfig(raw, source);
    return '';
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
}
