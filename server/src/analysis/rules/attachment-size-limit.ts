import { defineRule } from './define';
import type { Path } from '../types';
import { writtenValue } from './support/logic';

const MAX_ATTACHMENT: Path = ['systemSettings', 'maxAttachmentSizeKb'];
const RECOMMENDED_KB = 32768;

export default defineRule({
  id: 'attachment-size-limit',
  set: 'extended',
  severity: { crm2016: 'warning', 'd365-8.2': 'warning', 'd365-9': null },
  hasFix: true,
  summary: 'The maximum attachment size is above the 32,768 KB that CRM 2016 documentation recommends.',
  docs: `System Settings › Email › Maximum file size limits the attachments CRM accepts (5,120 KB by
default). The CRM 2016 documentation recommends at most 32,768 KB; larger limits are not
recommended for that product era. Values above 131,072 KB are rejected by the schema. The rule
is not evaluated on the \`d365-9\` baseline.

### Invalid

\`\`\`yaml
version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
  maxAttachmentSizeKb: 40960
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@fabrikam.local
      password: { secretRef: "env:FABRIKAM_SVC_CRM_PWD" }
mailboxes:
  alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
  maxAttachmentSizeKb: 32768
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@fabrikam.local
      password: { secretRef: "env:FABRIKAM_SVC_CRM_PWD" }
mailboxes:
  alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved }
\`\`\`

Source: S12.`,
  check(ctx) {
    const v = writtenValue(ctx, MAX_ATTACHMENT);
    if (typeof v !== 'number' || v <= RECOMMENDED_KB) return;
    ctx.report({
      at: MAX_ATTACHMENT,
      message: `maxAttachmentSizeKb is ${String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} KB; CRM 2016 documentation recommends at most 32,768 KB.`,
      fixes: [ctx.fix(`Set maxAttachmentSizeKb to ${RECOMMENDED_KB}`, [ctx.edit.set(MAX_ATTACHMENT, RECOMMENDED_KB)], { isPreferred: true })],
    });
  },
});
