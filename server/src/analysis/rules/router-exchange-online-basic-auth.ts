import { defineRule } from './define';
import type { RelatedSpec } from './define';
import { PROCESS_EMAIL_USING, routerDeprecatedSeverity, routerSelected } from './support/engines';
import { inDocumentOrder, mailboxesInDocumentOrder } from './support/places';

export default defineRule({
  id: 'router-exchange-online-basic-auth',
  set: 'core',
  severity: 'error',
  hasFix: true,
  severityNote: 'Not reported when router-deprecated reports an error (d365-9 online).',
  summary: 'The Email Router processes mailboxes hosted on Exchange Online, which no longer accepts the Basic authentication the router signs in with.',
  docs: `The Email Router signs in to Exchange Online with a user name and password (Basic
authentication); it offers no other sign-in. "Microsoft Exchange plans to disable the use of Basic
authentication … when connecting to Exchange Online starting October 1, 2022", and "Once Exchange
Online disables support for basic authentication, any connection from Server-Side Synchronization
or Email Router to Exchange Online using basic authentication will quit working": no incoming mail,
no outgoing mail. On-premises, "Although the Email Router may still have worked with Dynamics 365
on-premises, this configuration is no longer supported".

The rule reports each Exchange Online mail system that hosts a mailbox the router processes (its
written \`mailSystem\`, or the mail system of its profile). Use server-side synchronization
instead: the Exchange Online profile in Dynamics 365 online, the Exchange Online (Hybrid) profile
on-premises from CRM 8.1. On Dynamics 365 v9 online the router does not work at all, which
\`router-deprecated\` reports as an error; this rule is then not reported.

The quick fix sets \`processEmailUsing: serverSideSync\`. It changes the engine, so it is offered as
unsafe and never applied by fix-all; server-side synchronization then needs profiles and mailbox
settings (\`mailbox-no-profile\`, \`profile-server-type-mismatch\`, \`crm-onprem-exchange-online\` on
8.0, …).

### Invalid

\`\`\`yaml
version: 1
baseline: d365-8.2
organization: { name: proseware, deployment: onPremises, https: true }
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b }
systemSettings:
  processEmailUsing: emailRouter
  defaults: { appointmentsContactsTasks: none }
mailboxes:
  mark: { kind: user, emailAddress: mark@proseware.example, mailSystem: exo, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
baseline: d365-8.2
organization: { name: proseware, deployment: onPremises, https: true }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  processEmailUsing: emailRouter
  defaults: { appointmentsContactsTasks: none }
mailboxes:
  mark: { kind: user, emailAddress: mark@proseware.example, mailSystem: exch, approval: approved }
\`\`\`

Source: S20, S21, S34.`,
  check(ctx) {
    const plan = ctx.plan;
    if (!routerSelected(plan)) return;
    // Yields to router-deprecated when that reports an error (d365-9 online); skipped when that
    // depends on an unknown deployment.
    const deprecated = routerDeprecatedSeverity(plan);
    if (deprecated === undefined || deprecated === 'error') return;
    const mailboxes = mailboxesInDocumentOrder(ctx).filter((m) => m.processed);
    for (const s of inDocumentOrder(ctx, plan.mailSystems)) {
      if (s.kind !== 'exchangeOnline') continue;
      const hosted = mailboxes.filter((m) => m.mailSystemId === s.id);
      if (hosted.length === 0) continue;
      const related: RelatedSpec[] = [
        { at: PROCESS_EMAIL_USING, message: 'Email Router selected here' },
        ...hosted.slice(0, 9).map((m) => ({ at: m.path, part: 'key' as const, message: `Mailbox '${m.id}' is hosted on '${s.id}'` })),
      ];
      ctx.report({
        at: [...s.path, 'kind'],
        message: `The Email Router signs in to Exchange Online with a user name and password (Basic authentication), which Exchange Online no longer accepts, so mail for '${s.id}' is not processed. Use server-side synchronization: the Exchange Online profile online, or the Exchange Online (Hybrid) profile on-premises (CRM 8.1 or later).`,
        related,
        // Switches the engine: unsafe, never preferred.
        fixes: [ctx.fix('Set processEmailUsing to serverSideSync', [ctx.edit.set(PROCESS_EMAIL_USING, 'serverSideSync')], { unsafe: true })],
      });
    }
  },
});
