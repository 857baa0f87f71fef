import { defineRule } from './define';
import type { Path } from '../types';
import { DEFAULTS, FOLDER_LEVEL_TRACKING, PROCESS_EMAIL_USING, folderTrackingWritten, routerSelected } from './support/engines';
import { writtenValue } from './support/logic';

export default defineRule({
  id: 'router-no-act',
  set: 'core',
  scope: 'mailbox',
  severity: 'error',
  hasFix: true,
  summary: 'The Email Router is selected while appointments, contacts and tasks or folder-level tracking are set to be synchronized.',
  docs: `The Email Router only routes email: it has no synchronization of appointments, contacts and
tasks (ACT) and no folder-level tracking. With \`processEmailUsing: emailRouter\`, an ACT method
\`serverSideSync\` (in the defaults or on a mailbox) or \`folderLevelTracking: true\` is never
carried out. Select server-side synchronization, or set ACT to \`none\` and switch folder-level
tracking off. A mailbox that only inherits the default is covered by the finding on the default.

### Invalid

\`\`\`yaml
version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
emailRouter:
  installed: true
systemSettings:
  processEmailUsing: emailRouter
  defaults:
    incomingEmail: serverSideSync
    outgoingEmail: serverSideSync
    appointmentsContactsTasks: serverSideSync
mailboxes:
  alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
emailRouter:
  installed: true
systemSettings:
  processEmailUsing: emailRouter
  defaults:
    incomingEmail: serverSideSync
    outgoingEmail: serverSideSync
    appointmentsContactsTasks: none
mailboxes:
  alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved }
\`\`\`

Source: S0, S19.`,
  check(ctx) {
    if (!routerSelected(ctx.plan)) return;
    const related = [{ at: PROCESS_EMAIL_USING, message: 'Email Router selected here' }];
    // Fix 1 is the same edit on every finding (it clears them all); fix 2 turns this value off.
    const fixes = (at: Path, off: 'none' | false) => [
      ctx.fix('Set processEmailUsing to serverSideSync', [ctx.edit.set(PROCESS_EMAIL_USING, 'serverSideSync')], { isPreferred: true }),
      ctx.fix(`Set ${String(at[at.length - 1])} to ${String(off)}`, [ctx.edit.set(at, off)]),
    ];
    const actDefault: Path = [...DEFAULTS, 'appointmentsContactsTasks'];
    if (writtenValue(ctx, actDefault) === 'serverSideSync') {
      ctx.report({
        at: actDefault,
        message: 'The Email Router only routes email; appointments, contacts and tasks (default appointmentsContactsTasks: serverSideSync) need server-side synchronization.',
        related,
        fixes: fixes(actDefault, 'none'),
      });
    }
    for (const m of ctx.plan.mailboxes) {
      const at: Path = [...m.path, 'appointmentsContactsTasks'];
      if (writtenValue(ctx, at) !== 'serverSideSync') continue;
      ctx.report({
        at,
        message: `The Email Router only routes email; appointments, contacts and tasks of mailbox '${m.id}' need server-side synchronization.`,
        related,
        fixes: fixes(at, 'none'),
      });
    }
    if (folderTrackingWritten(ctx)) {
      ctx.report({
        at: FOLDER_LEVEL_TRACKING,
        message: 'The Email Router only routes email; folder-level tracking needs server-side synchronization.',
        related,
        fixes: fixes(FOLDER_LEVEL_TRACKING, false),
      });
    }
  },
});
