/**
 * Fix builders for the modern sign-in values (Gmail OAuth, Exchange Hybrid Modern Auth, Azure AD
 * OAuth): switching a connection to one of them drops the password-based keys it no longer reads,
 * and the two OAuth values come with the profile's `oauth` client, inserted with placeholders
 * (docs/plan-format.md#the-oauth-client), so such a fix is never preferred.
 */
import type { Auth, ConnectionModel, MailSystemModel, ProfileModel } from '../../model';
import type { Fix, TextEdit } from '../../types';
import type { RuleContext } from '../define';
import { credentialKeyPath } from './auth';
import { joinEdits } from './edits';
import { joinParts } from './wording';

/** The credential keys a modern sign-in value does not read. */
const PASSWORD_KEYS = ['username', 'password', 'useImpersonation', 'mfa'] as const;

/** `env:CRMSYNC_<P>_CLIENT_SECRET`, upper-cased, every character outside A–Z0–9 as `_`. */
export function generatedClientSecretRef(profileId: string): string {
  return `env:CRMSYNC_${profileId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_CLIENT_SECRET`;
}

/** `oauth: { applicationId: "", clientSecret: { secretRef: "env:CRMSYNC_<P>_CLIENT_SECRET" } }` as YAML source. */
function oauthYaml(p: ProfileModel): string {
  return `{ applicationId: "", clientSecret: { secretRef: "${generatedClientSecretRef(p.id)}" } }`;
}

/** Written keys of `PASSWORD_KEYS` in connection `c`. */
function writtenPasswordKeys(ctx: RuleContext, c: ConnectionModel): (typeof PASSWORD_KEYS)[number][] {
  return PASSWORD_KEYS.filter((k) => ctx.has(credentialKeyPath(c, k)));
}

/** True when `auth` signs in with the profile's `oauth` client. */
export function usesOAuthClient(auth: Auth | undefined): boolean {
  return auth === 'gmailOAuth' || auth === 'azureAdOAuth';
}

/**
 * Edits that set `authenticateUsing: <auth>` on the connections `conns` of `p` and remove the
 * password-based keys from them; with an OAuth value, insert the `oauth` client when absent.
 * Returns the edits and the parts of the title after "Set authenticateUsing to <auth>".
 */
function switchEdits(
  ctx: RuleContext,
  p: ProfileModel,
  conns: readonly ConnectionModel[],
  auth: Auth,
  profileKeys: readonly (readonly [string, string])[] = [],
): { edits: (TextEdit | undefined)[]; removed: string[]; oauth: boolean } {
  const edits: (TextEdit | undefined)[] = [];
  const removed = new Set<string>();
  for (const c of conns) {
    const at = credentialKeyPath(c, 'authenticateUsing');
    if (ctx.value(at) !== auth) edits.push(ctx.edit.set(at, auth));
    for (const k of writtenPasswordKeys(ctx, c)) {
      removed.add(k);
      edits.push(ctx.edit.remove(credentialKeyPath(c, k)));
    }
  }
  const oauth = usesOAuthClient(auth) && !ctx.has([...p.path, 'oauth']);
  const keys = [...profileKeys, ...(oauth ? [['oauth', oauthYaml(p)] as const] : [])];
  // Keys that already exist are set in place; new ones are appended to the profile together.
  const appended: TextEdit[] = [];
  for (const [k, v] of keys) {
    const e = ctx.edit.setRaw([...p.path, k], v);
    if (e && ctx.has([...p.path, k])) edits.push(e);
    else if (e && (appended.length === 0 || appended[0].span.start === e.span.start)) appended.push(e);
    else edits.push(undefined);
  }
  if (appended.length) {
    const insert: TextEdit = { span: appended[0].span, newText: appended.map((e) => e.newText).join('') };
    // When the profile's last line is one that goes (a removed password), the new keys take its place.
    const covering = edits.find((e) => e && e.newText === '' && e.span.start < insert.span.start && insert.span.start < e.span.end);
    if (covering && insert.newText.startsWith('\n') && ctx.parsed.text[covering.span.end - 1] === '\n') {
      edits[edits.indexOf(covering)] = { span: covering.span, newText: `${insert.newText.slice(1)}\n` };
    } else edits.push(insert);
  }
  return { edits, removed: [...removed], oauth };
}

function title(label: string, removed: readonly string[], oauth: boolean): string {
  const tail = [removed.length ? `remove ${joinParts(removed)}` : '', oauth ? 'add an oauth client' : ''].filter(Boolean);
  return tail.length ? `${label}: ${tail.join(', ')}` : label;
}

/**
 * "Use Gmail OAuth": every credential connection of `p` signs in with `gmailOAuth`, without the
 * password keys, and the profile gets an `oauth` client with placeholders. Not preferred.
 */
export function useGmailOAuthFix(ctx: RuleContext, p: ProfileModel): Fix | undefined {
  const { edits, removed, oauth } = switchEdits(ctx, p, p.credentialConnections, 'gmailOAuth');
  return ctx.fix(title('Use Gmail OAuth', removed, oauth), joinEdits(ctx, edits));
}

/**
 * "Use Exchange Hybrid Modern Auth" on connection `c`: set `exchangeHybridModernAuth` and remove
 * the password keys of that connection. Not preferred: the Entra ID and Key Vault set-up is
 * outside the plan.
 */
export function useHmaFix(ctx: RuleContext, p: ProfileModel, c: ConnectionModel): Fix | undefined {
  const { edits, removed } = switchEdits(ctx, p, [c], 'exchangeHybridModernAuth');
  return ctx.fix(title('Set authenticateUsing to exchangeHybridModernAuth', removed, false), joinEdits(ctx, edits));
}

/**
 * "Use Azure AD OAuth" for Exchange Online of another tenant `s`: every credential connection of
 * `p` signs in with `azureAdOAuth` without password keys, the profile names the tenant
 * (`useDefaultTenantId: false`, `exchangeOnlineTenantId`) and gets an `oauth` client with
 * placeholders. Not preferred.
 */
export function useAzureAdOAuthFix(ctx: RuleContext, p: ProfileModel, s: MailSystemModel): Fix | undefined {
  const tenant: [string, string][] = [];
  if (ctx.value([...p.path, 'useDefaultTenantId']) !== false) tenant.push(['useDefaultTenantId', 'false']);
  if (s.tenantId !== undefined && ctx.value([...p.path, 'exchangeOnlineTenantId']) !== s.tenantId) tenant.push(['exchangeOnlineTenantId', s.tenantId]);
  const { edits, removed, oauth } = switchEdits(ctx, p, p.credentialConnections, 'azureAdOAuth', tenant);
  const parts = [...(removed.length ? [`remove ${joinParts(removed)}`] : []), ...(tenant.length ? ['name the tenant'] : []), ...(oauth ? ['add an oauth client'] : [])];
  return ctx.fix(parts.length ? `Use Azure AD OAuth: ${parts.join(', ')}` : 'Use Azure AD OAuth', joinEdits(ctx, edits));
}

/**
 * Removes `oauth` from `p` when, after connection `changed` signs in with `next`, no credential
 * connection of `p` uses an OAuth client any more; undefined when nothing is to be removed.
 */
export function removeUnusedOAuthEdit(ctx: RuleContext, p: ProfileModel, changed: ConnectionModel, next: Auth): TextEdit | undefined {
  if (!ctx.has([...p.path, 'oauth'])) return undefined;
  const still = p.credentialConnections.some((c) => (c === changed ? usesOAuthClient(next) : usesOAuthClient(c.auth)));
  return still ? undefined : ctx.edit.remove([...p.path, 'oauth']);
}
