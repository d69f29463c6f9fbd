import type { PlannedPage } from './not-built-yet-page.tsx';

/** The sections whose features are still to come, and what each will hold. */
export const PLANNED_PAGES = {
  inbox: {
    title: 'Inbox',
    summary: 'Promotion requests waiting for your decision.',
    coming: [
      'Each promotion request assigned to you: model, version, from which stage to which.',
      'The gates at a glance: integrity, model card, lineage, evaluation and drift, incidents, approvals.',
      'Open a request to review its evidence and approve or reject it with a signed decision.',
    ],
  },
  monitors: {
    title: 'Monitors',
    summary: 'Drift and performance of deployed models.',
    coming: [
      'Metrics from Prometheus and the workspace, charted over time.',
      'Drift of candidates and champions (PSI, Jensen-Shannon, Wasserstein, KS) against policy thresholds.',
      'Alerts and silences from Alertmanager.',
    ],
  },
  incidents: {
    title: 'Incidents',
    summary: 'Incidents touching your models, and their runbooks.',
    coming: [
      'Open incidents with their roles, status and timeline.',
      'The runbook that matches an alert, worked through step by step.',
      'Audited, signed roll-backs of a registry alias, and a timeline export.',
    ],
  },
  audit: {
    title: 'Audit',
    summary: 'What this console did and saw, in a tamper-evident log.',
    coming: [
      'Every verification, decision and promotion, in order, each entry chained to the one before.',
      'A check that the log has not been altered.',
      'An export for auditors.',
    ],
  },
} as const satisfies Record<string, PlannedPage>;
