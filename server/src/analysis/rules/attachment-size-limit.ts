import { defineRule } from './define';
import type { Path } from '../types';
import { writtenValue } from './support/logic';

const MAX_ATTACHMENT: Path = ['systemSettings', 'maxAttachmentSizeKb'];
const RECOMMENDED_KB = 32768;

export default defineRule({
  id: 'attachment-size-limit',
  set: 'extended',
  severity: 'warning',
  hasFix: true,
  summary: 'The maximum attachment size is above the 32,768 KB (32 MB) that Microsoft recommends.',
  docs: `System Settings › Email › Maximum file size limits the attachments CRM accepts (5,120 KB by
default). "The maximum recommended size is 32 MB (32,768 KB). Using a larger file size is not
recommended.": the Email tab page says so for CRM on-premises 9.x and for Dynamics 365 online
(2020), as the CRM 2016 documentation did, so the rule applies on every baseline and deployment.
Values above 131,072 KB, the maximum, are rejected by the schema.

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

Source: S12, S48.`,
  check(ctx) {
    const v = writtenValue(ctx, MAX_ATTACHMENT);
    if (typeof v !== 'number' || v <= RECOMMENDED_KB) return;
    ctx.report({
      at: MAX_ATTACHMENT,
      message: `Microsoft recommends an attachment limit of at most 32,768 KB (32 MB); maxAttachmentSizeKb is ${String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} KB.`,
      fixes: [ctx.fix(`Set maxAttachmentSizeKb to ${RECOMMENDED_KB}`, [ctx.edit.set(MAX_ATTACHMENT, RECOMMENDED_KB)], { isPreferred: true })],
    });
  },
});
