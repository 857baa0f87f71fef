/**
 * Hand-made overviews for the renderer tests: every kind of node, an unused profile, a mail
 * system no profile names, a group whose profile is unknown, findings of each severity, and
 * labels with characters that XML, HTML and Mermaid must escape.
 */
import type { FindingTally, OverviewNode, PlanOverview } from '../../server/src/ide/overview-model';

const none: FindingTally = { error: 0, warning: 0, info: 0, rules: [] };
const span = (start: number) => ({ start, end: start + 4 });

function tally(rules: { ruleId: string; severity: 'error' | 'warning' | 'info'; count: number }[]): FindingTally {
  const count = (s: string) => rules.filter((r) => r.severity === s).reduce((a, r) => a + r.count, 0);
  const error = count('error');
  const warning = count('warning');
  const info = count('info');
  return { error, warning, info, worst: error ? 'error' : warning ? 'warning' : info ? 'info' : undefined, rules };
}

export function sampleOverview(): PlanOverview {
  const nodes: OverviewNode[] = [
    { id: 'organization', kind: 'organization', label: 'contoso <sales> & "co"', details: ['CRM Online', 'version 9.2', 'Server-Side Synchronization'], span: span(0), findings: tally([{ ruleId: 'org-rule', severity: 'info', count: 1 }]), deployment: 'online', crmVersion: '9.2', baseline: 'd365-9', engine: 'serverSideSync' },
    { id: 'mailSystem:exo', kind: 'mailSystem', label: 'exo', details: ['Exchange Online'], span: span(10), findings: none, mailSystemId: 'exo', systemKind: 'exchangeOnline', profileCount: 2, mailboxCount: 12 },
    { id: 'mailSystem:gmail', kind: 'mailSystem', label: 'gmail', details: ['Gmail POP3/SMTP'], span: span(20), findings: none, mailSystemId: 'gmail', systemKind: 'pop3Smtp', provider: 'gmail', profileCount: 0, mailboxCount: 0 },
    { id: 'profile:exo-default', kind: 'profile', label: 'exo-default', details: ['Exchange Online', 'in: S2S · out: S2S', 'Autodiscover'], span: span(30), findings: tally([{ ruleId: 'bad-auth', severity: 'error', count: 2 }, { ruleId: 'weak-thing', severity: 'warning', count: 1 }]), profileId: 'exo-default', serverType: 'exchangeOnline', mailSystemId: 'exo', incomingAuth: 'serverToServer', outgoingAuth: 'serverToServer', autodiscover: true, active: true, isDefault: true, mailboxCount: 10, mailboxCountViaDefault: 9 },
    { id: 'profile:exo-sales', kind: 'profile', label: 'exo-sales', details: ['Exchange Online', 'in: S2S · out: S2S'], span: span(40), findings: none, profileId: 'exo-sales', serverType: 'exchangeOnline', mailSystemId: 'exo', incomingAuth: 'serverToServer', isDefault: false, mailboxCount: 2, mailboxCountViaDefault: 0 },
    { id: 'profile:unused', kind: 'profile', label: 'unused', details: ['POP3/SMTP'], span: span(50), findings: tally([{ ruleId: 'unused-profile', severity: 'warning', count: 1 }]), profileId: 'unused', serverType: 'pop3Smtp', active: false, isDefault: false, mailboxCount: 0, mailboxCountViaDefault: 0 },
    { id: 'group:exo-default:user:serverSideSync:serverSideSync:serverSideSync', kind: 'mailboxGroup', label: 'users', details: ['in: Server-Side Sync · out: Server-Side Sync', 'ACT: Server-Side Sync'], span: span(60), findings: none, profileId: 'exo-default', mailboxKind: 'user', incomingEmail: 'serverSideSync', outgoingEmail: 'serverSideSync', appointmentsContactsTasks: 'serverSideSync', count: 8, sample: ['alice', 'ben'] },
    { id: 'group:exo-default:queue:serverSideSync:serverSideSync:none', kind: 'mailboxGroup', label: 'queues', details: ['in: Server-Side Sync · out: Server-Side Sync', 'ACT: none'], span: span(70), findings: tally([{ ruleId: 'queue-rule', severity: 'error', count: 1 }]), profileId: 'exo-default', mailboxKind: 'queue', incomingEmail: 'serverSideSync', outgoingEmail: 'serverSideSync', appointmentsContactsTasks: 'none', count: 2, sample: ['support'] },
    { id: 'group:exo-sales:user:serverSideSync:serverSideSync:serverSideSync', kind: 'mailboxGroup', label: 'users', details: ['in: Server-Side Sync · out: Server-Side Sync'], span: span(80), findings: none, profileId: 'exo-sales', mailboxKind: 'user', incomingEmail: 'serverSideSync', outgoingEmail: 'serverSideSync', appointmentsContactsTasks: 'serverSideSync', count: 2, sample: ['carla', 'dmitri'] },
    { id: 'group:?:user:?:?:?', kind: 'mailboxGroup', label: 'users `#1` <b>', details: ['profile unknown'], span: span(90), findings: tally([{ ruleId: 'unknown-reference', severity: 'error', count: 1 }]), mailboxKind: 'user', count: 1, sample: ['eva'] },
  ];
  const edges: PlanOverview['edges'] = [
    { from: 'organization', to: 'profile:exo-default', kind: 'profile' },
    { from: 'organization', to: 'profile:exo-sales', kind: 'profile' },
    { from: 'organization', to: 'profile:unused', kind: 'profile' },
    { from: 'profile:exo-default', to: 'mailSystem:exo', kind: 'mailSystem' },
    { from: 'profile:exo-sales', to: 'mailSystem:exo', kind: 'mailSystem' },
    { from: 'profile:exo-default', to: 'group:exo-default:user:serverSideSync:serverSideSync:serverSideSync', kind: 'mailboxes' },
    { from: 'profile:exo-default', to: 'group:exo-default:queue:serverSideSync:serverSideSync:none', kind: 'mailboxes' },
    { from: 'profile:exo-sales', to: 'group:exo-sales:user:serverSideSync:serverSideSync:serverSideSync', kind: 'mailboxes' },
    { from: 'organization', to: 'group:?:user:?:?:?', kind: 'mailboxes' },
  ];
  const findings: PlanOverview['findings'] = [
    { ruleId: 'org-rule', severity: 'info', message: 'An info about the <organization> & "more"', span: span(1), nodeId: 'organization' },
    { ruleId: 'bad-auth', severity: 'error', message: 'Profile exo-default cannot use this.', span: span(31), nodeId: 'profile:exo-default' },
    { ruleId: 'bad-auth', severity: 'error', message: 'Profile exo-default cannot use that either.', span: span(32), nodeId: 'profile:exo-default' },
    { ruleId: 'weak-thing', severity: 'warning', message: 'Weak.', span: span(33), nodeId: 'profile:exo-default' },
    { ruleId: 'unused-profile', severity: 'warning', message: 'No mailbox uses unused.', span: span(51), nodeId: 'profile:unused' },
    { ruleId: 'queue-rule', severity: 'error', message: 'Queue support cannot.', span: span(71), nodeId: 'group:exo-default:queue:serverSideSync:serverSideSync:none' },
    { ruleId: 'unknown-reference', severity: 'error', message: "Mailbox eva names profile 'exo-defualt', which does not exist.", span: span(91), nodeId: 'group:?:user:?:?:?' },
  ];
  const totals = tally([
    { ruleId: 'bad-auth', severity: 'error', count: 2 },
    { ruleId: 'queue-rule', severity: 'error', count: 1 },
    { ruleId: 'unknown-reference', severity: 'error', count: 1 },
    { ruleId: 'unused-profile', severity: 'warning', count: 1 },
    { ruleId: 'weak-thing', severity: 'warning', count: 1 },
    { ruleId: 'org-rule', severity: 'info', count: 1 },
  ]);
  return { formatVersion: 1, nodes, edges, totals, findings, findingsOmitted: 0 };
}
