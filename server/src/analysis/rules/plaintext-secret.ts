import { isScalar, Scalar } from 'yaml';
import { defineRule, type RuleContext } from './define';
import { locate } from '../locate';
import type { Path, TextEdit } from '../types';
import { generatedSecretRef } from './support/edits';
import { generatedClientSecretRef } from './support/modern-auth';

/**
 * Every place a password may be written in the profiles (docs/plan-format.md#secret-references),
 * with the reference its fix writes (made only for a literal found: most places hold none).
 */
function profilePasswordPaths(ctx: RuleContext): { path: Path; ref: () => string }[] {
  const out: { path: Path; ref: () => string }[] = [];
  const profiles = ctx.value(['serverProfiles']);
  if (profiles && typeof profiles === 'object' && !Array.isArray(profiles)) {
    for (const id of Object.keys(profiles)) {
      out.push({ path: ['serverProfiles', id, 'incoming', 'password'], ref: () => generatedSecretRef(`${id}_IN`) });
      out.push({ path: ['serverProfiles', id, 'outgoing', 'password'], ref: () => generatedSecretRef(`${id}_OUT`) });
      out.push({ path: ['serverProfiles', id, 'oauth', 'clientSecret'], ref: () => generatedClientSecretRef(id) });
    }
  }
  return out;
}

/** The same for the mailboxes, through the model (every record of a mapping), so that the rule can be mailbox-scoped. */
function mailboxPasswordPaths(ctx: RuleContext): { path: Path; ref: () => string }[] {
  return ctx.plan.mailboxes.map((m) => ({ path: [...m.path, 'credentials', 'password'], ref: () => generatedSecretRef(m.id) }));
}

/**
 * Replaces the literal at `path` with `yamlText` so that no part of it stays in the file: a
 * block scalar (`|`, `>`) up to its last content character (its line break stays), an explicit
 * tag (`!!str`) with the value.
 */
function replaceLiteral(ctx: RuleContext, path: Path, yamlText: string): TextEdit | undefined {
  const node = locate(ctx.parsed, path)?.node;
  if (!isScalar(node) || !node.range) return ctx.edit.replace(path, yamlText);
  const text = ctx.parsed.text;
  let start = node.range[0];
  let end = node.range[1];
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
    while (end > start && /\s/.test(text[end - 1])) end--;
  }
  const tag = /!\S*[ \t]+$/.exec(text.slice(0, start));
  if (node.tag && tag) start -= tag[0].length;
  return { span: { start, end }, newText: yamlText };
}

export default defineRule({
  id: 'plaintext-secret',
  set: 'core',
  scope: 'mailbox',
  severity: 'error',
  summary: 'A password is written in the plan as a literal instead of a secret reference.',
  hasFix: true,
  docs: `A plan is shared, reviewed and committed; a password written in it leaks to everyone who
can read the file. CRM itself stores these credentials encrypted and write-only. Write a
reference instead — \`{ secretRef: "env:NAME" }\`, \`file:path\` or \`keyvault:vault/secret\` — and
keep the secret where whoever applies the plan can read it. crmsync never resolves the reference
and never repeats the literal in any message.

### Invalid

\`\`\`yaml
version: 1
organization: { name: contoso, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.contoso.local/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: CONTOSO\\svc-crm
      password: not-a-real-password
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: contoso, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
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
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: tool policy; S7 (CRM stores credentials encrypted and write-only).`,
  check(ctx) {
    // The profiles' passwords are checked apart: a mailbox's finding does not depend on them.
    ctx.outsideMailboxes(() => profilePasswordPaths(ctx).forEach((p) => literal(ctx, p)));
    mailboxPasswordPaths(ctx).forEach((p) => literal(ctx, p));
  },
});

/** Reports the literal written at `path`, if one is. */
function literal(ctx: RuleContext, { path, ref }: { path: Path; ref: () => string }): void {
  const v = ctx.value(path);
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return;
  const where = path[0] === 'mailboxes' ? `mailbox '${path[1]}'` : path[2] === 'oauth' ? `profile '${path[1]}', OAuth client secret` : `profile '${path[1]}' (${path[2]})`;
  ctx.report({
    at: path,
    message: `Passwords and client secrets must not be stored in the plan (${where}); use { secretRef: … }.`,
    fixes: [ctx.fix('Move to a secret reference', [replaceLiteral(ctx, path, `{ secretRef: "${ref()}" }`)], { isPreferred: true })],
  });
}
