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
carried out. Set ACT to \`none\` and switch folder-level tracking off, which keeps the engine and
drops only what the router cannot do (the preferred fix), or move the organization to server-side
synchronization. A mailbox that only inherits the default is covered by the finding on the
default.

Switching \`processEmailUsing\` to \`serverSideSync\` clears every finding of this rule, but it
changes the engine: server-side synchronization then needs server profiles, addresses and
credentials, and in a plan without profiles every processed mailbox becomes
\`mailbox-no-profile\`. That fix is offered as unsafe and never applied by fix-all.

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
    // Fix 1 turns only this value off (it keeps the engine); fix 2 is the same edit on every
    // finding and clears them all, but switches the engine (unsafe).
    const fixes = (at: Path, off: 'none' | false) => [
      ctx.fix(`Set ${String(at[at.length - 1])} to ${String(off)}`, [ctx.edit.set(at, off)], { isPreferred: true }),
      ctx.fix('Set processEmailUsing to serverSideSync', [ctx.edit.set(PROCESS_EMAIL_USING, 'serverSideSync')], { unsafe: true }),
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
