/** Plans generated for tests of scale: one Exchange Online profile every mailbox inherits. */

/** A valid plan whose `mailboxes` holds the lines `record(i)` gives for i = 0 … n - 1. */
export function exchangeOnlinePlan(n: number, record: (i: number) => string[]): string {
  const lines = [
    'version: 1',
    'organization: { name: contoso, deployment: online, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }',
    'mailSystems:',
    '  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }',
    'systemSettings:',
    '  defaults: { serverProfile: exo, appointmentsContactsTasks: serverSideSync }',
    'serverProfiles:',
    '  exo: { serverType: exchangeOnline, mailSystem: exo, incoming: { authenticateUsing: serverToServer } }',
    'mailboxes:',
  ];
  for (let i = 0; i < n; i++) lines.push(...record(i));
  return lines.join('\n') + '\n';
}
