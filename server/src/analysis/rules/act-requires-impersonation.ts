import { defineRule } from './define';
import type { RelatedSpec } from './define';
import type { Path } from '../types';
import { credentialKeyPath } from './support/auth';
import { inDocumentOrder } from './support/places';
import { listIds } from './support/wording';
import { sssOf } from './support/logic';

const DEFAULT_ACT: Path = ['systemSettings', 'defaults', 'appointmentsContactsTasks'];

export default defineRule({
  id: 'act-requires-impersonation',
  set: 'core',
  severity: 'error',
  summary: 'Appointments, contacts and tasks are synchronized through an Exchange Server profile account that uses delegation instead of impersonation.',
  hasFix: true,
  docs: `When an Exchange Server profile stores one service account ("Credentials Specified in Email
Server Profile"), that account reaches the mailboxes either by delegation or by impersonation.
Delegate access is enough for email, but appointments, contacts and tasks (ACT) can be
synchronized by server-side synchronization only when the account impersonates the mailbox
owner (Use Impersonation = Yes, with the ApplicationImpersonation role in Exchange). Set
\`incoming.useImpersonation: true\`, or stop synchronizing ACT through this profile.

### Invalid

\`\`\`yaml
version: 1
organization: { name: contoso, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch, appointmentsContactsTasks: serverSideSync }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.contoso.local/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      username: CONTOSO\\svc-crm
      password: { secretRef: "env:CONTOSO_SVC_CRM_PWD" }
mailboxes:
  jo: { kind: user, emailAddress: jo@contoso.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: contoso, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch, appointmentsContactsTasks: serverSideSync }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.contoso.local/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: CONTOSO\\svc-crm
      password: { secretRef: "env:CONTOSO_SVC_CRM_PWD" }
mailboxes:
  jo: { kind: user, emailAddress: jo@contoso.com, approval: approved }
\`\`\`

Source: S16.`,
  check(ctx) {
    const plan = ctx.plan;
    const defaultActSss = plan.defaults.appointmentsContactsTasks === 'serverSideSync';
    for (const p of plan.profiles) {
      if (p.serverType !== 'exchangeServer') continue;
      const c = p.incoming;
      if (c.auth !== 'serverProfile' || c.useImpersonation !== false) continue;
      const mailboxes = inDocumentOrder(ctx, plan.mailboxes).filter((m) => m.profile === p && m.appointmentsContactsTasks === 'serverSideSync' && sssOf(plan, m) === true);
      const viaDefaults = defaultActSss && plan.defaults.serverProfileId === p.id;
      if (mailboxes.length === 0 && !viaDefaults) continue;

      const related: RelatedSpec[] = [];
      const actWritten: Path[] = [];
      let inherited = false;
      for (const m of mailboxes) {
        if (m.appointmentsContactsTasksSource === 'written') {
          related.push({ at: [...m.path, 'appointmentsContactsTasks'], message: `Mailbox '${m.id}' synchronizes ACT here` });
          actWritten.push([...m.path, 'appointmentsContactsTasks']);
        } else {
          if (m.appointmentsContactsTasksSource === 'default') inherited = true;
          related.push({ at: m.path, part: 'key', message: `Mailbox '${m.id}' synchronizes ACT (inherited)` });
        }
      }
      if (viaDefaults || inherited) related.unshift({ at: DEFAULT_ACT, message: 'Default appointmentsContactsTasks: serverSideSync set here' });
      if ((viaDefaults || inherited) && ctx.has(DEFAULT_ACT)) actWritten.unshift(DEFAULT_ACT);

      const who: string[] = [];
      if (mailboxes.length > 0) who.push(`${mailboxes.length === 1 ? 'mailbox' : 'mailboxes'} ${listIds(mailboxes.map((m) => m.id))}`);
      if (viaDefaults) who.push('the default appointmentsContactsTasks');
      ctx.report({
        at: credentialKeyPath(c, c.useImpersonationWritten ? 'useImpersonation' : 'authenticateUsing'),
        message: `Appointments, contacts and tasks cannot be synchronized through delegation; the account of profile '${p.id}' needs impersonation (ACT by server-side sync for ${who.join(' and ')}).`,
        related,
        fixes: [
          ctx.fix('Set useImpersonation to true', [ctx.edit.set(credentialKeyPath(c, 'useImpersonation'), true)], { isPreferred: true }),
          // ACT off wherever it is written for these mailboxes (on them, and in the defaults).
          actWritten.length ? ctx.fix('Set appointmentsContactsTasks to none', actWritten.map((at) => ctx.edit.set(at, 'none'))) : undefined,
        ],
      });
    }
  },
});
