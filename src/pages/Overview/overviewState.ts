// Page-level decisions on the sections' states: one message when every section failed the same
// way (typically no default Prometheus configured), instead of the same alert four times.
import type { SectionState } from '../shared/useEcotiRequests';

export function commonError(states: SectionState[]): string | undefined {
  if (states.length < 2 || states.some((s) => s.status !== 'done' || !s.error || s.frames.length > 0)) {
    return undefined;
  }
  const messages = new Set(states.map((s) => (s.status === 'done' ? s.error : '')));
  return messages.size === 1 ? [...messages][0] : undefined;
}
