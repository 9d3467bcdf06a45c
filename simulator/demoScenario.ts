// The demo site (`--demo`): a fleet the size of a real server room, with what real rooms have (idle servers, an
// over-provisioned rack, over-cooled air), a dated improvement 14 days before now that the board's before/after
// shows, past incidents in the history, and an incident every hour from now on so that any demo sees one.
import { pickIdleHosts, hostNames, rackNames, ScenarioInput } from './scenario';

export interface DemoFleet {
  racks: number;
  hostsPerRack: number;
  seed: number;
}

export const DEMO_FLEET: DemoFleet = { racks: 4, hostsPerRack: 16, seed: 42 };

/** About a quarter of servers do no useful work (Koomey & Taylor, "Zombie/Comatose Servers Redux", 2017). */
export const DEMO_IDLE_SHARE = 0.25;
/** How many of those the dated consolidation powers off. */
export const DEMO_IDLE_POWERED_OFF = 10;
/** Supply air before the change (a legacy room controlled on return air) and after it, on all racks but the last. */
export const DEMO_SUPPLY_BEFORE_C = 14.5;
export const DEMO_SUPPLY_AFTER_C = 18.5;
/** When the improvement happened, relative to the backfill's now. */
export const DEMO_CHANGE_AT = 'now-14d';
/**
 * What the board's "Change vs baseline" (facility W per busy CPU core, 7-day range) reads right after the
 * backfill, by baseline: the measured figures the README documents (tests allow ±1.5 points). About 2.5 points
 * of the 30-day figure are four weeks of load growth (1 %/week spreads the idle draw over more work); with a
 * 7-day baseline both windows follow the change.
 */
export const DEMO_BOARD_CHANGE = { '30d': -0.143, '14d': -0.128, '7d': -0.005 } as const;

/** The demo scenario for a fleet (the CLI's --racks/--hosts-per-rack/--seed change it; names follow). */
export function demoScenario(fleet: DemoFleet = DEMO_FLEET): ScenarioInput {
  const racks = rackNames(fleet.racks);
  const idle = new Set(pickIdleHosts(fleet.seed, hostNames(fleet.racks, fleet.hostsPerRack), DEMO_IDLE_SHARE));
  const busyHost = hostNames(1, fleet.hostsPerRack).find((h) => !idle.has(h));
  const idleCount = Math.round(DEMO_IDLE_SHARE * fleet.racks * fleet.hostsPerRack);
  return {
    seed: fleet.seed,
    // Long enough for the board's 30-day baseline plus its 7-day range, with room to spare.
    historyWeeks: 7,
    racks: fleet.racks,
    hostsPerRack: fleet.hostsPerRack,
    // rack-a: production (ERP, MES); rack-c: a test cluster sized for a peak that never came.
    rackLoadFactors: [1.5, 1.0, 0.3, 0.9],
    idleShare: DEMO_IDLE_SHARE,
    supplySetPointCelsius: DEMO_SUPPLY_BEFORE_C,
    changes: [
      ...(idleCount > 0
        ? [
            {
              kind: 'consolidation' as const,
              at: DEMO_CHANGE_AT,
              idleServers: Math.min(DEMO_IDLE_POWERED_OFF, idleCount),
            },
          ]
        : []),
      {
        kind: 'cooling_set_point',
        at: DEMO_CHANGE_AT,
        // The last rack keeps its cold air: what the cooling set-point recommendation still finds.
        racks: racks.length > 1 ? racks.slice(0, -1) : racks,
        supplySetPointCelsius: DEMO_SUPPLY_AFTER_C,
      },
    ],
    incidents: [
      // Past incidents the history (and the anomaly models) have seen.
      { kind: 'cooling_failure', rack: racks[Math.min(1, racks.length - 1)], start: 'now-5d', duration: '2h' },
      ...(busyHost ? [{ kind: 'runaway_job' as const, host: busyHost, start: 'now-9d', duration: '6h' }] : []),
    ],
    // From now on, a 30-minute incident every hour: any hour of a demo has one.
    recurring: { every: '1h', duration: '30m', from: 'now' },
  };
}
