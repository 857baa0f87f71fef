/**
 * Hovers: what a key means, what a value means in plain language and whether it is supported in
 * this plan, the effective settings of a mailbox, the record a reference names, and the findings
 * under the cursor. Built from a cached analysis; never parses again.
 */
import type { Analysis } from '../analysis';
import { targetAt } from '../analysis/cursor';
import { ruleDocsUrl } from '../analysis/docs-url';
import type { Auth, MailboxModel, PlanModel, ProfileModel, ServerType, Source } from '../analysis/model';
import { schemaAt, type SchemaNode } from '../analysis/schema/walk';
import { AUTH_VALUES, expectedServerType, profileAuthVerdict } from '../analysis/support';
import type { Path, Span } from '../analysis/types';

/**
 * A hover: a span and markdown that uses only **bold**, `code`, links and "- " bullets, so the
 * LSP layer can also render it as plain text.
 */
export interface HoverModel {
  readonly span: Span;
  readonly markdown: string;
}

const code = (s: unknown) => `\`${String(s)}\``;
/** A finding's message shown as written: its `*`, `\\`, `_`, … are not Markdown. */
const escapeMarkdown = (s: string) => s.replace(/[\\`*_[\]<>#|]/g, '\\$&');

function keyDoc(node: SchemaNode | undefined, key: string): string[] {
  if (!node) return [];
  const out: string[] = [`**${node.title ?? key}** (${code(key)})`];
  const text = node.markdownDescription ?? node.description;
  if (text) out.push(text);
  const facts: string[] = [];
  if (node.enum && node.enum.length) facts.push(`Allowed values: ${node.enum.map(code).join(', ')}.`);
  if (node.default !== undefined && typeof node.default !== 'object') facts.push(`Default: ${code(node.default)}.`);
  if (node['x-appliesTo']) facts.push(`Applies to: ${node['x-appliesTo']}.`);
  if (facts.length) out.push(facts.join(' '));
  return out;
}

function enumDoc(node: SchemaNode, value: unknown): string | undefined {
  const i = node.enum?.indexOf(value) ?? -1;
  if (i < 0) return undefined;
  return node.markdownEnumDescriptions?.[i];
}

const SOURCE_TEXT: Record<Source, string> = { written: 'written here', default: 'inherited from systemSettings.defaults', format: 'format default' };

function mailboxSummary(plan: PlanModel, m: MailboxModel): string[] {
  const lines = [`**Mailbox ${code(m.id)}**${m.kind ? ` (${m.kind})` : ''}: effective settings`];
  const profile = m.profileId
    ? `${code(m.profileId)} (${m.profileWritten ? 'written here' : 'inherited from systemSettings.defaults'})`
    : m.profileUnknown
      ? 'unknown (the reference does not resolve)'
      : 'none';
  const method = (v: string | undefined, s: Source) => (v ? `${code(v)} (${SOURCE_TEXT[s]})` : 'unknown');
  lines.push(
    [
      `- Email server profile: ${profile}`,
      `- Incoming email: ${method(m.incomingEmail, m.incomingEmailSource)}`,
      `- Outgoing email: ${method(m.outgoingEmail, m.outgoingEmailSource)}`,
      `- Appointments, contacts and tasks: ${method(m.appointmentsContactsTasks, m.appointmentsContactsTasksSource)}`,
      `- Processed: ${m.processed ? (plan.processEmailUsing === 'emailRouter' ? 'yes, by the Email Router' : 'yes, by server-side synchronization') : 'no (no method is serverSideSync)'}`,
    ].join('\n'),
  );
  return lines;
}

function profileSummary(plan: PlanModel, p: ProfileModel): string[] {
  const users = plan.mailboxes.filter((m) => m.profileId === p.id).length;
  const ms = p.mailSystem;
  return [
    `**Email server profile ${code(p.id)}**`,
    [
      `- Server type: ${p.serverType ? code(p.serverType) : 'unknown'}`,
      `- Mail system: ${ms ? `${code(ms.id)} (${ms.kind ?? 'unknown kind'})` : 'unknown'}`,
      `- Incoming sign-in: ${p.incoming.auth ? code(p.incoming.auth) : 'unknown'}`,
      `- Outgoing sign-in: ${p.outgoing.auth ? code(p.outgoing.auth) : 'unknown'}${p.useSameSettingsForOutgoing !== false ? ' (same as incoming)' : ''}`,
      `- Autodiscover: ${p.autodiscover === undefined ? 'unknown' : code(p.autodiscover)}`,
      `- Used by ${users} mailbox${users === 1 ? '' : 'es'}${plan.defaults.serverProfileId === p.id ? ' and the system default' : ''}`,
    ].join('\n'),
  ];
}

function mailSystemSummary(plan: PlanModel, id: string): string[] {
  const s = plan.mailSystemById.get(id);
  if (!s) return [];
  const facts = [`- Kind: ${s.kind ? code(s.kind) : 'unknown'}`];
  if (s.kind === 'exchangeServer') facts.push(`- Version: ${s.version ? `Exchange ${s.version} ${s.servicePack ?? ''}`.trim() : 'unknown'}${s.servicePackWritten ? '' : ' (service pack not written: RTM)'}`);
  if (s.kind === 'exchangeOnline') facts.push(`- Tenant: ${s.tenantId ? code(s.tenantId) : 'unknown'}`);
  if (s.kind === 'pop3Smtp' || s.kind === 'imapSmtp') facts.push(`- Provider: ${code(s.provider ?? 'unknown')}`);
  const profiles = plan.profiles.filter((p) => p.mailSystemId === id).map((p) => code(p.id));
  facts.push(`- Profiles: ${profiles.length ? profiles.join(', ') : 'none'}`);
  return [`**Mail system ${code(id)}**`, facts.join('\n')];
}

function authContext(plan: PlanModel, path: Path, value: Auth): string | undefined {
  if (path[0] !== 'serverProfiles' || path.length < 4) return undefined;
  const p = plan.profileById.get(String(path[1]));
  const type = p?.serverType;
  if (!type) return undefined;
  const dir = path[2] === 'outgoing' ? 'out' : 'in';
  const ms = p.mailSystem;
  const facts = [`baseline ${plan.baseline}`, `CRM ${plan.crmVersion}`];
  if (ms?.provider && (type === 'pop3Smtp' || type === 'imapSmtp')) facts.push(`provider ${ms.provider}`);
  if (ms?.kind === 'exchangeOnline' && plan.deployment === 'online' && ms.tenantId && plan.tenantId) {
    facts.push(ms.tenantId.toLowerCase() === plan.tenantId.toLowerCase() ? "the organization's tenant" : 'another tenant');
  }
  const where = `this ${code(type)} profile${plan.deployment ? ` in a CRM ${plan.deployment === 'online' ? 'Online' : 'on-premises'} deployment` : ''} (${facts.join(', ')})`;
  const profile = { ...p, serverType: type };
  const v = profileAuthVerdict(plan, profile, dir, value);
  const alternatives = AUTH_VALUES.filter((a) => a !== value && profileAuthVerdict(plan, profile, dir, a).supported).map(code);
  if (v.supported) return `**Supported** for ${where}${v.note ? `: ${v.note}` : ''}.`;
  return `**Not supported** for ${where}: rule ${code(v.ruleId)}. ${alternatives.length ? `Supported here: ${alternatives.join(', ')}.` : ''}`.trim();
}

function serverTypeContext(plan: PlanModel, path: Path, value: ServerType): string | undefined {
  if (path[0] !== 'serverProfiles') return undefined;
  const p = plan.profileById.get(String(path[1]));
  const kind = p?.mailSystem?.kind;
  if (!kind || !plan.deployment) return undefined;
  const expected = expectedServerType(plan.deployment, kind);
  const dep = plan.deployment === 'online' ? 'CRM Online' : 'CRM on-premises';
  return expected === value
    ? `**Expected** for mail system ${code(p!.mailSystem!.id)} (${code(kind)}) in ${dep}.`
    : `**Not the expected type**: ${dep} reaches a ${code(kind)} mail system through ${code(expected)} (rule ${code('profile-server-type-mismatch')}).`;
}

function referenceSummary(plan: PlanModel, node: SchemaNode, value: unknown): string[] {
  if (typeof value !== 'string') return [];
  if (node['x-reference'] === 'serverProfiles') {
    const p = plan.profileById.get(value);
    return p ? profileSummary(plan, p) : [`No profile ${code(value)} exists.`];
  }
  if (node['x-reference'] === 'mailSystems') {
    const s = mailSystemSummary(plan, value);
    return s.length ? s : [`No mail system ${code(value)} exists.`];
  }
  return [];
}

/**
 * The hover at `offset`, or undefined when there is nothing to say. `docsHref` links a rule id
 * to its documentation (default: its section of docs/rules.md on the web).
 */
export function hoverAt(analysis: Analysis, offset: number, docsHref: (ruleId: string) => string = ruleDocsUrl): HoverModel | undefined {
  const { parsed, plan } = analysis;
  const target = targetAt(parsed, offset);
  const blocks: string[] = [];
  let span: Span | undefined = target?.span;

  if (target) {
    const { path, part } = target;
    const key = String(path[path.length - 1]);
    const parentSchema = schemaAt(path.slice(0, -1));
    const isId = part === 'key' && path.length === 2 && !!parentSchema?.propertyNames;
    const node = schemaAt(path);
    if (isId && plan) {
      if (path[0] === 'mailboxes') {
        const m = plan.mailboxes.find((x) => x.id === key);
        if (m) blocks.push(...mailboxSummary(plan, m));
      } else if (path[0] === 'serverProfiles') {
        const p = plan.profileById.get(key);
        if (p) blocks.push(...profileSummary(plan, p));
      } else if (path[0] === 'mailSystems') {
        blocks.push(...mailSystemSummary(plan, key));
      }
    } else if (part === 'key') {
      blocks.push(...keyDoc(node, key));
    } else if (node) {
      const value = (target.node as { value?: unknown } | undefined)?.value;
      const doc = enumDoc(node, value);
      if (doc) {
        blocks.push(`${code(value)} — ${node.title ?? key}`, doc);
        if (plan && key === 'authenticateUsing') {
          const ctx = authContext(plan, path, value as Auth);
          if (ctx) blocks.push(ctx);
        }
        if (plan && key === 'serverType') {
          const ctx = serverTypeContext(plan, path, value as ServerType);
          if (ctx) blocks.push(ctx);
        }
      } else if (node['x-reference'] && plan) {
        blocks.push(...referenceSummary(plan, node, value));
      } else {
        blocks.push(...keyDoc(node, key));
      }
    }
  }

  const covering = analysis.findings.filter((f) => f.span.start <= offset && offset <= f.span.end);
  for (const f of covering) {
    blocks.push(`**${f.severity}** [${code(f.ruleId)}](${docsHref(f.ruleId)}): ${escapeMarkdown(f.message)}`);
    if (!span) span = f.span;
  }
  if (!blocks.length || !span) return undefined;
  return { span, markdown: blocks.join('\n\n') };
}
