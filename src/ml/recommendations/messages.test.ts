import { recommend } from './recommend';
import { fleetInput } from '../testing/fleet';
import {
  fillTemplate,
  message,
  MessageValue,
  quantity,
  RecommendationMessages,
  renderEnglish,
  RULE_MESSAGES,
  RuleMessage,
  RuleMessageKey,
} from './messages';
import type { Recommendation } from './types';

type Texts = Pick<Recommendation, 'id' | 'target' | 'title' | 'evidence' | 'action' | 'assumptions'>;

const texts = (recs: Recommendation[]): Texts[] =>
  recs.map(({ id, target, title, evidence, action, assumptions }) => ({
    id,
    target,
    title,
    evidence,
    action,
    assumptions,
  }));

// The English strings the rules wrote before they had messages (printed from that code on these inputs): the
// stable API's texts, which the messages' English rendering must reproduce character for character.
const LEGACY_FLEET: Texts[] = [
  {
    id: 'consolidation:web-01,web-02,web-03',
    target: 'web-01, web-02, web-03',
    title: 'Consolidate 3 hosts onto 1',
    evidence:
      '3 hosts share a usage profile averaging 12% CPU; their combined p95 (55% of one host) fits on 1 at 70% headroom.',
    action: 'Move the workloads of web-01, web-03 onto web-02, then power the freed hosts off.',
    assumptions:
      'Freed hosts save their idle draw (300 W in all, from a linear fit of power on CPU); load moved, not removed; 730 h/month × PUE 1.5; 38.5 gCO2e/kWh; price 0.688 BRL/kWh (peak 2.1 18:00–21:00 weekdays, off-peak 0.55). Peaks assumed to coincide (conservative).',
  },
  {
    id: 'idle-server:zombie-01',
    target: 'zombie-01',
    title: 'Power off or repurpose idle server zombie-01',
    evidence: 'CPU 1.5% on average (p95 2.0%) over 14.0 days while drawing a steady 183 W (±0%).',
    action:
      'Confirm with the owner that zombie-01 serves nothing, then decommission it or give it a workload; if it must stay, enable power capping or a deep idle state.',
    assumptions:
      'Saves the measured mean draw 183 W × 730 h/month × PUE 1.5; 38.5 gCO2e/kWh; price 0.688 BRL/kWh (peak 2.1 18:00–21:00 weekdays, off-peak 0.55).',
  },
  {
    id: 'pue-drift:site',
    target: 'site',
    title: 'PUE is drifting up (1.40 → 1.49): find the cause',
    evidence: 'Facility ÷ IT power rises by 0.050 per week (95% range 0.050 to 0.050) over 14.0 days.',
    action:
      'Check cooling (filters, refrigerant, set points, blanking panels), UPS efficiency and lighting; compare with the change points of the PUE trend.',
    assumptions:
      'Returning PUE from 1.49 to 1.40 at the mean IT load 1500 W × 730 h/month; 38.5 gCO2e/kWh; price 0.688 BRL/kWh (peak 2.1 18:00–21:00 weekdays, off-peak 0.55).',
  },
  {
    id: 'load-shifting:site',
    target: '5 metered host(s)',
    title: 'Move flexible jobs out of the 18:00–21:00 peak tariff window',
    evidence: '108 kWh/month of facility energy falls in the peak window, billed at 2.1 instead of 0.55 BRL/kWh.',
    action:
      'Reschedule batch jobs, backups and report generation (cron, Kubernetes CronJobs) to start after 21:00 or before 18:00, or at weekends.',
    assumptions:
      '20% of peak-window energy is flexible and moves, not disappears (so kWh and CO2e do not change with one grid factor); 22 kWh/month shifted; window scaled to 30 days; PUE 1.5.',
  },
  {
    id: 'cooling-set-point:rack-A',
    target: 'rack-A',
    title: 'Raise the cooling set point for rack-A by 3.0 °C',
    evidence: 'Inlet air averages 16.0 °C (p95 16.5 °C), below the ASHRAE recommended 18–27 °C.',
    action:
      'Raise the CRAC/CRAH supply set point in steps of 0.5 °C, watching inlet temperatures stay within 18–27 °C.',
    assumptions:
      'Cooling ≈ (PUE 1.5 − 1) × IT load 1500 W, shared evenly by 2 sensor(s); 4% of cooling energy saved per °C (rule of thumb); 38.5 gCO2e/kWh; price 0.688 BRL/kWh (peak 2.1 18:00–21:00 weekdays, off-peak 0.55).',
  },
];

/** The fleet in dollars, peak every day, prices and factors with more decimals than the fleet's. */
function otherSite() {
  const input = fleetInput('USD');
  input.site = {
    ...input.site,
    pue: 1.45,
    carbonIntensity: 0.0817,
    tariff: { ...input.site.tariff, peakWeekdaysOnly: false, peakPricePerKWh: 1.2345, offPeakPricePerKWh: 0.4 },
  };
  return input;
}

const OTHER_PRICE = 'price 0.504 USD/kWh (peak 1.2345 18:00–21:00, off-peak 0.4)';
const LEGACY_OTHER: Array<Partial<Texts> & { id: string }> = [
  {
    id: 'consolidation:web-01,web-02,web-03',
    assumptions: `Freed hosts save their idle draw (300 W in all, from a linear fit of power on CPU); load moved, not removed; 730 h/month × PUE 1.45; 0.0817 gCO2e/kWh; ${OTHER_PRICE}. Peaks assumed to coincide (conservative).`,
  },
  {
    id: 'idle-server:zombie-01',
    assumptions: `Saves the measured mean draw 183 W × 730 h/month × PUE 1.45; 0.0817 gCO2e/kWh; ${OTHER_PRICE}.`,
  },
  {
    id: 'pue-drift:site',
    assumptions: `Returning PUE from 1.49 to 1.40 at the mean IT load 1500 W × 730 h/month; 0.0817 gCO2e/kWh; ${OTHER_PRICE}.`,
  },
  {
    id: 'load-shifting:site',
    evidence: '142 kWh/month of facility energy falls in the peak window, billed at 1.2345 instead of 0.4 USD/kWh.',
    action:
      'Reschedule batch jobs, backups and report generation (cron, Kubernetes CronJobs) to start after 21:00 or before 18:00.',
    assumptions:
      '20% of peak-window energy is flexible and moves, not disappears (so kWh and CO2e do not change with one grid factor); 28 kWh/month shifted; window scaled to 30 days; PUE 1.45.',
  },
  {
    id: 'cooling-set-point:rack-A',
    assumptions: `Cooling ≈ (PUE 1.45 − 1) × IT load 1500 W, shared evenly by 2 sensor(s); 4% of cooling energy saved per °C (rule of thumb); 0.0817 gCO2e/kWh; ${OTHER_PRICE}.`,
  },
];

/** A rule's messages: every rule sets them. */
function messagesOf(r: Recommendation): RecommendationMessages {
  if (!r.messages) {
    throw new Error(`${r.id} has no messages`);
  }
  return r.messages;
}

/** Every message in a recommendation, nested ones included. */
function allMessages(r: Recommendation): RuleMessage[] {
  const out: RuleMessage[] = [];
  const visit = (m: RuleMessage) => {
    out.push(m);
    for (const v of Object.values(m.values) as MessageValue[]) {
      if (v.kind === 'message') {
        visit(v.message);
      }
    }
  };
  Object.values(messagesOf(r)).forEach(visit);
  return out;
}

describe('recommendation messages', () => {
  it('render in English to exactly the strings the rules wrote before messages, for every rule', () => {
    const recs = recommend(fleetInput());
    expect(new Set(recs.map((r) => r.rule)).size).toBe(5);
    expect(texts(recs)).toEqual(LEGACY_FLEET);
  });

  it('follow the site: another currency, a peak every day and finer prices give the legacy strings too', () => {
    const recs = recommend(otherSite());
    for (const legacy of LEGACY_OTHER) {
      expect(recs.find((r) => r.id === legacy.id)).toMatchObject(legacy);
    }
  });

  it('are where the English strings come from: each string is its message rendered in English', () => {
    for (const input of [fleetInput(), otherSite()]) {
      for (const r of recommend(input)) {
        const m = messagesOf(r);
        expect({
          title: renderEnglish(m.title),
          evidence: renderEnglish(m.evidence),
          action: renderEnglish(m.action),
          assumptions: renderEnglish(m.assumptions),
          target: m.target ? renderEnglish(m.target) : r.target,
        }).toEqual({
          title: r.title,
          evidence: r.evidence,
          action: r.action,
          assumptions: r.assumptions,
          target: r.target,
        });
      }
    }
  });

  it('carry numbers as numbers with their unit and decimals, never as formatted text', () => {
    const idle = recommend(fleetInput()).find((r) => r.rule === 'idle-server')!;
    const values = messagesOf(idle).evidence.values as Record<string, MessageValue>;
    expect(values.watts).toMatchObject({ kind: 'number', unit: 'W', digits: 0 });
    expect((values.watts as { value: number }).value).toBeCloseTo(183, 0);
    expect(values.cpuMean).toMatchObject({ kind: 'number', unit: '%', digits: 1 });
    expect((values.cpuMean as { value: number }).value).toBeCloseTo(1.5, 1);
    expect(values.days).toMatchObject({ kind: 'number', value: expect.closeTo(13.96, 2), unit: 'days', digits: 1 });
    // The price note sits inside the assumptions as a message of its own, its currency a code.
    const price = (messagesOf(idle).assumptions.values as Record<string, MessageValue>).priceNote;
    expect(price).toMatchObject({ kind: 'message', message: { key: 'common.price-note-weekdays' } });
    const note = (price as { message: RuleMessage }).message.values as Record<string, MessageValue>;
    expect(note.currency).toEqual({ kind: 'currency', code: 'BRL' });
    expect(note.peakPrice).toEqual({ kind: 'number', value: 2.1, unit: 'currency/kWh' });
  });

  it('name in their values exactly the placeholders of their template, in every rule', () => {
    const seen = new Set<RuleMessageKey>();
    for (const input of [fleetInput(), otherSite()]) {
      for (const r of recommend(input)) {
        for (const m of allMessages(r)) {
          seen.add(m.key);
          const names = [...RULE_MESSAGES[m.key].matchAll(/\{\{(\w+)\}\}/g)].map((x) => x[1]);
          expect({ key: m.key, values: Object.keys(m.values).sort() }).toEqual({
            key: m.key,
            values: [...new Set(names)].sort(),
          });
        }
      }
    }
    // Both variants together use every template there is.
    expect([...seen].sort()).toEqual(Object.keys(RULE_MESSAGES).sort());
  });

  it('show a number with fixed decimals when told, as given otherwise, and leave unknown names alone', () => {
    const m = message('cooling-set-point.evidence', {
      mean: quantity(15.96, '°C', 1),
      p95: quantity(16.449, '°C', 1),
      min: quantity(18, '°C'),
      max: quantity(27.25, '°C'),
    });
    expect(renderEnglish(m)).toBe(
      'Inlet air averages 16.0 °C (p95 16.4 °C), below the ASHRAE recommended 18–27.25 °C.'
    );
    expect(fillTemplate('{{a}} and {{b}}', { a: { kind: 'text', value: 'x' } }, () => 'shown')).toBe('shown and {{b}}');
  });
});
