import { defineRule } from './define';
import type { RelatedSpec } from './define';
import type { Path } from '../types';
import { connName } from './support/wording';
import { inDocumentOrder } from './support/places';
import { removeSeqItemsEdits } from './support/edits';

export default defineRule({
  id: 'hybrid-exchange-ews-auth',
  set: 'extended',
  severity: 'error',
  severityNote: 'Error when EWS allows neither NTLM nor Basic; warning when Basic stays on while a profile uses NTLM.',
  summary: 'For CRM Online with Exchange Server, EWS allows neither NTLM nor Basic, or keeps Basic on while NTLM is used.',
  hasFix: true,
  docs: `CRM Online reaches Exchange Server (Hybrid) over the internet through Exchange Web Services
(EWS), and signs in with NTLM or Basic: EWS must accept at least one of them, or no mailbox can
connect. When the profile uses NTLM, Microsoft recommends switching Basic off on EWS, because
Basic sends the password readable inside the connection. \`ewsAuthentication\` records which of
the two EWS accepts; the rule reads it only when it is written.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: northwind
  deployment: online
  tenantId: 9d0e51a2-7c44-4f31-8b3e-61c2f0a9d7b4
mailSystems:
  exch2016: { kind: exchangeServer, version: "2016", ewsAuthentication: [] }
systemSettings:
  defaults: { serverProfile: exch-hybrid }
serverProfiles:
  exch-hybrid:
    serverType: exchangeServerHybrid
    mailSystem: exch2016
    incoming:
      serverLocation: https://mail.northwind.com/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@northwind.com
      password: { secretRef: "env:NORTHWIND_SVC_CRM_PWD" }
mailboxes:
  carol: { kind: user, emailAddress: carol@northwind.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: northwind
  deployment: online
  tenantId: 9d0e51a2-7c44-4f31-8b3e-61c2f0a9d7b4
mailSystems:
  exch2016: { kind: exchangeServer, version: "2016", ewsAuthentication: [ntlm] }
systemSettings:
  defaults: { serverProfile: exch-hybrid }
serverProfiles:
  exch-hybrid:
    serverType: exchangeServerHybrid
    mailSystem: exch2016
    incoming:
      serverLocation: https://mail.northwind.com/EWS/Exchange.asmx
      authProtocol: ntlm
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@northwind.com
      password: { secretRef: "env:NORTHWIND_SVC_CRM_PWD" }
mailboxes:
  carol: { kind: user, emailAddress: carol@northwind.com, approval: approved }
\`\`\`

Source: S6.`,
  check(ctx) {
    const plan = ctx.plan;
    if (plan.deployment !== 'online') return;
    for (const s of plan.mailSystems) {
      if (!s.referenced || s.kind !== 'exchangeServer' || s.ewsAuthentication === undefined) continue;
      const listPath: Path = [...s.path, 'ewsAuthentication'];
      const raw = ctx.value(listPath);
      if (!Array.isArray(raw)) continue;
      // (a) neither NTLM nor Basic.
      if (raw.length === 0) {
        ctx.report({
          at: listPath,
          message: `Exchange must allow NTLM or Basic on EWS for CRM Online to connect; mail system '${s.id}' allows neither.`,
          fixes: [
            ctx.fix('Set ewsAuthentication to [ntlm]', [ctx.edit.setRaw(listPath, '[ntlm]')], { isPreferred: true }),
            ctx.fix('Set ewsAuthentication to [basic]', [ctx.edit.setRaw(listPath, '[basic]')]),
          ],
        });
        continue;
      }
      // (b) Basic still on while a profile naming S uses NTLM.
      const basic = raw.indexOf('basic');
      if (basic < 0) continue;
      const related: RelatedSpec[] = [];
      const users: string[] = [];
      for (const p of inDocumentOrder(ctx, plan.profiles)) {
        if (p.mailSystemId !== s.id) continue;
        for (const c of [p.incoming, p.outgoing]) {
          if (!c.authProtocolWritten || c.authProtocol !== 'ntlm') continue;
          related.push({ at: [...c.path, 'authProtocol'], message: `Profile '${p.id}' (${connName(c)}) uses NTLM here` });
          if (!users.includes(p.id)) users.push(p.id);
        }
      }
      if (related.length === 0) continue;
      // Remove every `basic`; a list of nothing but `basic` would then be empty (branch (a)), so
      // it becomes [ntlm], which the profiles use.
      const basics = raw.flatMap((x, i) => (x === 'basic' ? [i] : []));
      const fix =
        basics.length === raw.length
          ? ctx.fix('Set ewsAuthentication to [ntlm]', [ctx.edit.setRaw(listPath, '[ntlm]')], { isPreferred: true })
          : ctx.fix('Remove basic from ewsAuthentication', removeSeqItemsEdits(ctx, listPath, basics), { isPreferred: true });
      ctx.report({
        at: [...listPath, basic],
        severity: 'warning',
        message: `When NTLM is used, Basic should be switched off on EWS (mail system '${s.id}', used with NTLM by profile${users.length > 1 ? 's' : ''} ${users.map((id) => `'${id}'`).join(', ')}).`,
        related,
        fixes: [fix],
      });
    }
  },
});
